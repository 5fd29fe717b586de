const whitespace = /\s/;

/** SPEC §4 rule 4: exactly one `@`, a non-empty local part, a dot in the domain, no spaces. */
export const isValidEmail = (email: string): boolean => {
  if (whitespace.test(email)) return false;
  const at = email.indexOf('@');
  return at > 0 && email.indexOf('@', at + 1) === -1 && email.indexOf('.', at + 1) !== -1;
};
