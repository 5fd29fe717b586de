/** SPEC §4 rule 4: exactly one `@`, a non-empty local part, a dot in the domain, no spaces. */
export const isValidEmail = (email: string): boolean => {
  if (/\s/.test(email)) return false;
  const parts = email.split('@');
  if (parts.length !== 2) return false;
  const [local, domain] = parts;
  return (local ?? '') !== '' && (domain ?? '').includes('.');
};
