/** Console naming: employee number only when redacted (GitHub Actions or --redact). */
export const who = (
  employeeNumber: string | null,
  luccaId: string | null,
  name: string,
  redact: boolean,
): string => {
  const id =
    employeeNumber ?? (luccaId === null ? '(no number)' : `(no number, Lucca id ${luccaId})`);
  return redact || name === '' ? id : `${id} ${name}`;
};

export const moreLine = (shown: number, total: number): string[] =>
  total > shown ? [`  … and ${total - shown} more (see the JSON report, --report FILE)`] : [];
