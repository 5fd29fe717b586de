// Control characters (C0, DEL, C1) become spaces (rule 1), so a value can never break a CSV line.
const controlCharacters = /\p{Cc}/gu;

/** SPEC §4 rule 1: NFC, control characters to spaces, whitespace runs collapsed, trimmed. */
export const normalizeText = (value: string | null): string =>
  value === null
    ? ''
    : value.normalize('NFC').replace(controlCharacters, ' ').replace(/\s+/g, ' ').trim();
