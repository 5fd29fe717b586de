import { utils } from 'ssh2';

export interface TestKeyPair {
  /** OpenSSH private key text. */
  readonly private: string;
  /** OpenSSH public key line (`ssh-ed25519 AAAA...`). */
  readonly public: string;
}

/**
 * A throwaway ed25519 key pair from ssh2. About one pair in a hundred comes out malformed (ssh2
 * drops a leading zero byte of the public key, and then cannot parse its own output), so pairs
 * are generated until both halves parse.
 */
export const generateTestKeyPair = (options: { passphrase?: string } = {}): TestKeyPair => {
  const { passphrase } = options;
  for (let attempt = 1; ; attempt += 1) {
    const pair =
      passphrase === undefined
        ? utils.generateKeyPairSync('ed25519')
        : utils.generateKeyPairSync('ed25519', { passphrase, cipher: 'aes256-ctr', rounds: 2 });
    const publicKey = utils.parseKey(pair.public);
    const privateKey = utils.parseKey(pair.private, passphrase);
    if (!(publicKey instanceof Error) && !(privateKey instanceof Error))
      return { private: pair.private, public: pair.public };
    if (attempt >= 50) throw new Error('ssh2 keeps generating unparseable ed25519 keys');
  }
};
