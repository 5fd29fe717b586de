/** Replaces every occurrence of each secret (at least 4 characters long) with `***`. */
export const redactSecrets = (text: string, secrets: ReadonlyArray<string | undefined>): string => {
  let result = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue;
    result = result.split(secret).join('***');
  }
  return result;
};
