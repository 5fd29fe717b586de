// Control characters (C0, DEL, C1) become spaces (rule 1), so a value can never break a CSV line.
const controlCharacters = /\p{Cc}/gu;
const whitespaceRuns = /\s+/g;
// Words of printable Latin-1 (no control character, no no-break space) separated by single
// spaces, nothing at either end: such a value is already NFC (no combining mark can follow) and
// the control-character and whitespace rules would leave it as it is.
const alreadyNormal = /^(?:[\x21-\x7e\xa1-\xff]+(?: [\x21-\x7e\xa1-\xff]+)*)?$/;

/** SPEC §4 rule 1: NFC, control characters to spaces, whitespace runs collapsed, trimmed. */
export const normalizeText = (value: string | null): string => {
  if (value === null) return '';
  if (alreadyNormal.test(value)) return value;
  return value.normalize('NFC').replace(controlCharacters, ' ').replace(whitespaceRuns, ' ').trim();
};
