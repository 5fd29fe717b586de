const runs = (id: string): string[] => id.match(/\d+|\D+/g) ?? [];
const isDigits = (run: string): boolean => /^\d/.test(run);

const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const compareRun = (a: string, b: string): number => {
  if (isDigits(a) && isDigits(b)) {
    const left = BigInt(a);
    const right = BigInt(b);
    return left < right ? -1 : left > right ? 1 : 0;
  }
  return compareCodeUnits(a, b);
};

/**
 * SPEC §4 order of `uniqueId`: digit and non-digit runs compared run by run (digits by numeric
 * value), ties broken by plain code-unit order of the whole id.
 */
export const compareUniqueIds = (a: string, b: string): number => {
  const left = runs(a);
  const right = runs(b);
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const order = compareRun(left[index] ?? '', right[index] ?? '');
    if (order !== 0) return order;
  }
  if (left.length !== right.length) return left.length - right.length;
  return compareCodeUnits(a, b);
};
