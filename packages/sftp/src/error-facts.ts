/** What can be read off an error thrown by ssh2 / ssh2-sftp-client, narrowed without casts. */
export interface ErrorFacts {
  readonly message: string;
  /** An errno name (`ECONNRESET`), a client code, or an SFTP status number (3 = permission denied). */
  readonly code: string | number | undefined;
  /** ssh2's origin tag: `client-socket`, `client-timeout`, `client-authentication`, `handshake`... */
  readonly level: string | undefined;
}

export const errorFacts = (error: unknown): ErrorFacts => {
  if (error instanceof Error) {
    const code =
      'code' in error && (typeof error.code === 'string' || typeof error.code === 'number')
        ? error.code
        : undefined;
    const level = 'level' in error && typeof error.level === 'string' ? error.level : undefined;
    return { message: error.message, code, level };
  }
  return {
    message: typeof error === 'string' ? error : 'unknown error',
    code: undefined,
    level: undefined,
  };
};
