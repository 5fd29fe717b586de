/**
 * The file's row order, written for the tests independently of the product's comparator: ids
 * cut into runs of ASCII digits and runs of anything else; digit runs compared as integers of any
 * size, other runs code unit by code unit; a run sequence that is a prefix of the other first;
 * remaining ties by the whole ids, code unit by code unit.
 */
const isDigit = (unit: number): boolean => unit >= 0x30 && unit <= 0x39;

const cut = (id: string): string[] => {
  const parts: string[] = [];
  let start = 0;
  for (let index = 1; index <= id.length; index += 1) {
    if (index === id.length || isDigit(id.charCodeAt(index)) !== isDigit(id.charCodeAt(start))) {
      parts.push(id.slice(start, index));
      start = index;
    }
  }
  return parts;
};

const codeUnits = (a: string, b: string): number => {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const difference = a.charCodeAt(index) - b.charCodeAt(index);
    if (difference !== 0) return Math.sign(difference);
  }
  return Math.sign(a.length - b.length);
};

export const referenceCompare = (a: string, b: string): number => {
  const left = cut(a);
  const right = cut(b);
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const x = left[index] ?? '';
    const y = right[index] ?? '';
    if (isDigit(x.charCodeAt(0)) && isDigit(y.charCodeAt(0))) {
      if (BigInt(x) !== BigInt(y)) return BigInt(x) < BigInt(y) ? -1 : 1;
    } else if (codeUnits(x, y) !== 0) {
      return codeUnits(x, y);
    }
  }
  return Math.sign(left.length - right.length) || codeUnits(a, b);
};
