/** One line of `sync360 doctor`: ok, or FAIL with the fix. */
export interface DoctorCheck {
  readonly system: 'config' | 'lucca' | 'sftp' | 'api360' | 'slack' | 'github' | 'local';
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly fix: string | null;
}
