import type { z } from 'zod';

const describeValue = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
};

const valueAt = (root: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Reflect.get(current, key);
  }
  return current;
};

/** Turns the first zod issue into "items[3].mail: expected string, saw number 12". */
export const describeFirstIssue = (error: z.ZodError, root: unknown, rootName: string): string => {
  const issue = error.issues[0];
  if (issue === undefined) return `${rootName}: invalid`;
  const path = issue.path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    rootName,
  );
  const seen = valueAt(root, issue.path);
  return `${path}: ${issue.message}; saw ${seen === undefined ? 'nothing' : describeValue(seen)}`;
};
