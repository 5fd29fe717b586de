import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateTestKeyPair } from '@sync360/testkit/sftp-keys';
import { parseHostKeyPins, privateKeyProblem } from '../src/settings.js';
import { fingerprintOf } from '../src/session.js';

const digestOf = (text: string): string => createHash('sha256').update(text).digest('base64');
const padded = digestOf('host key one');
const unpadded = padded.replace(/=+$/, '');
const other = digestOf('host key two').replace(/=+$/, '');

describe('parseHostKeyPins', () => {
  it('accepts a pin with or without base64 padding and normalises it to unpadded', () => {
    expect(padded.endsWith('=')).toBe(true);
    expect(parseHostKeyPins(`SHA256:${padded}`)).toEqual({
      ok: true,
      pins: [`SHA256:${unpadded}`],
    });
    expect(parseHostKeyPins(`SHA256:${unpadded}`)).toEqual({
      ok: true,
      pins: [`SHA256:${unpadded}`],
    });
  });

  it('accepts a whole ssh-keygen -lf line', () => {
    const line = `256 SHA256:${unpadded} root@sftp.360learning.com (ED25519)`;
    expect(parseHostKeyPins(line)).toEqual({ ok: true, pins: [`SHA256:${unpadded}`] });
  });

  it('accepts several pins separated by commas or lines, trims them and drops duplicates', () => {
    const text = ` SHA256:${unpadded} , 3072 SHA256:${other} host (RSA)\nSHA256:${padded},`;
    expect(parseHostKeyPins(text)).toEqual({
      ok: true,
      pins: [`SHA256:${unpadded}`, `SHA256:${other}`],
    });
  });

  it.each([
    ['empty', ''],
    ['only separators', ' , ,'],
    ['garbage', 'not-a-fingerprint'],
    ['an MD5 fingerprint', 'MD5:12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0'],
    ['a truncated digest', `SHA256:${unpadded.slice(0, 20)}`],
    ['bad characters', `SHA256:${unpadded.slice(0, 42)}!`],
    ['a good pin next to garbage', `SHA256:${unpadded},garbage`],
    ['two pins without a comma', `SHA256:${unpadded} SHA256:${other}`],
  ])('rejects %s with a reason', (_label, text) => {
    const result = parseHostKeyPins(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
  });
});

describe('fingerprintOf', () => {
  it('is SHA256: plus the unpadded base64 SHA-256 of the raw key blob', () => {
    const blob = Buffer.from('raw ssh key blob');
    const expected = createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
    expect(fingerprintOf(blob)).toBe(`SHA256:${expected}`);
    expect(fingerprintOf(blob)).not.toContain('=');
  });
});

describe('privateKeyProblem', () => {
  it('accepts an OpenSSH key, and an encrypted one with its passphrase', () => {
    expect(privateKeyProblem(generateTestKeyPair().private, undefined)).toBeNull();
    const encrypted = generateTestKeyPair({ passphrase: 'pass-phrase-1' });
    expect(privateKeyProblem(encrypted.private, 'pass-phrase-1')).toBeNull();
  });

  it('rejects an unreadable key, or an encrypted one without the right passphrase', () => {
    const broken = '-----BEGIN OPENSSH PRIVATE KEY-----\nbroken\n-----END OPENSSH PRIVATE KEY-----';
    expect(privateKeyProblem(broken, undefined)).toContain('SFTP_PASSPHRASE');
    const encrypted = generateTestKeyPair({ passphrase: 'pass-phrase-1' });
    expect(privateKeyProblem(encrypted.private, undefined)).not.toBeNull();
    expect(privateKeyProblem(encrypted.private, 'pass-phrase-2')).not.toBeNull();
  });
});
