/** The step a delivery (or doctor probe) was at when something failed. */
export type Stage = 'connect' | 'remote-dir' | 'upload' | 'verify' | 'rename' | 'probe';

/** What an error message needs to name the place it happened. */
export interface FailureContext {
  readonly stage: Stage;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly remoteDir: string;
  /** The file being written at this stage (`.part`, final, or probe). */
  readonly path: string;
  readonly finalPath: string;
  readonly pins: readonly string[];
}

/** The uploaded `.part` has another size on the server than the bytes sent. */
export class SizeMismatchError extends Error {
  readonly remoteSize: number;
  readonly expectedSize: number;

  constructor(remoteSize: number, expectedSize: number) {
    super(`remote size ${remoteSize} bytes, expected ${expectedSize}`);
    this.name = 'SizeMismatchError';
    this.remoteSize = remoteSize;
    this.expectedSize = expectedSize;
  }
}

/** The remote folder path exists but is a file. */
export class NotADirectoryError extends Error {
  constructor(path: string) {
    super(`${path} exists but is not a folder`);
    this.name = 'NotADirectoryError';
  }
}
