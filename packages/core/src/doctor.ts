/** One line of `sync360 doctor`: ok, or FAIL with the fix. */
export interface DoctorCheck {
  readonly system: 'config' | 'lucca' | 'sftp' | 'api360' | 'slack' | 'github' | 'local';
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly fix: string | null;
}

/** The builder of one system's doctor lines; a passing line usually has no fix. */
export const doctorCheckFor =
  (system: DoctorCheck['system']) =>
  (name: string, ok: boolean, detail: string, fix: string | null = null): DoctorCheck => ({
    system,
    name,
    ok,
    detail,
    fix,
  });
