/** A SHA-256 digest is 32 bytes: 43 base64 characters without padding. */
const SHA256_BYTES = 32;
const PIN_TOKEN = /SHA256:(\S*)/gi;

export type HostKeyPinsResult = { ok: true; pins: string[] } | { ok: false; reason: string };

const normaliseDigest = (raw: string): string | null => {
  const unpadded = raw.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]+$/.test(unpadded)) return null;
  const bytes = Buffer.from(unpadded, 'base64');
  if (bytes.length !== SHA256_BYTES) return null;
  // Reject non-canonical encodings (stray bits in the last character): they cannot be a real pin.
  if (bytes.toString('base64').replace(/=+$/, '') !== unpadded) return null;
  return unpadded;
};

const parseEntry = (entry: string): { ok: true; pin: string } | { ok: false; reason: string } => {
  const tokens = [...entry.matchAll(PIN_TOKEN)];
  const [first] = tokens;
  if (first === undefined) {
    return { ok: false, reason: `"${entry}" is not a SHA256:<base64> fingerprint` };
  }
  if (tokens.length > 1) {
    return {
      ok: false,
      reason: `"${entry}" holds several fingerprints: separate pins with commas`,
    };
  }
  const digest = normaliseDigest(first[1] ?? '');
  if (digest === null) {
    return {
      ok: false,
      reason: `"${first[0]}" is not a SHA-256 fingerprint (expected SHA256: and 43 base64 characters)`,
    };
  }
  return { ok: true, pin: `SHA256:${digest}` };
};

/**
 * Parses `SFTP_HOST_KEY_SHA256`: one or more pins separated by commas (or new lines), each
 * `SHA256:<base64>` as OpenSSH prints it, `=` padding optional. A whole `ssh-keygen -lf` line
 * (`256 SHA256:... comment (ED25519)`) is accepted: the text around the fingerprint is ignored.
 * Pins come back normalised (`SHA256:` + unpadded base64), without duplicates, so they compare
 * directly with {@link fingerprintOf}.
 */
export const parseHostKeyPins = (text: string): HostKeyPinsResult => {
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) {
    return { ok: false, reason: 'no host key pin given (expected SHA256:<base64>)' };
  }
  const pins: string[] = [];
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (!parsed.ok) return parsed;
    if (!pins.includes(parsed.pin)) pins.push(parsed.pin);
  }
  return { ok: true, pins };
};
