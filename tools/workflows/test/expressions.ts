/**
 * A small evaluator of GitHub Actions expressions, for the subset the workflows use: literals,
 * context paths (`inputs.dry_run`, `vars.X`), `!`, `==`, `!=`, `&&`, `||`, parentheses and calls of
 * the functions given. Semantics follow GitHub's documentation: `&&`/`||` return an operand, `''`,
 * `0`, `false` and `null` are falsy, strings compare ignoring case, and values of different types
 * are compared as numbers (`null` and `''` are 0, an unparsable string is NaN).
 */
type Value = string | number | boolean | null;

export interface Scope {
  readonly contexts: Readonly<Record<string, Readonly<Record<string, Value>>>>;
  readonly functions?: Readonly<Record<string, (...args: Value[]) => Value>>;
}

const TOKEN =
  /\s*(?:('(?:[^']|'')*')|(\d+(?:\.\d+)?)|([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)|(==|!=|&&|\|\||[!(),]))/y;

const tokenize = (text: string): string[] => {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.trimEnd().length) {
    const match = TOKEN.exec(text);
    if (match === null)
      throw new Error(`cannot read the expression at: ${text.slice(TOKEN.lastIndex)}`);
    tokens.push(match[0].trim());
  }
  return tokens;
};

const toNumber = (value: Value): number => {
  if (value === null) return 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  return value.trim() === '' ? 0 : Number(value);
};

const equals = (a: Value, b: Value): boolean => {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
};

const truthy = (value: Value): boolean =>
  value !== null && value !== '' && value !== 0 && value !== false;

/** Evaluates one expression, with or without its `${{ }}`. */
export const evaluate = (expression: string, scope: Scope): Value => {
  const body = expression.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const tokens = tokenize(body);
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const take = (expected?: string): string => {
    const token = tokens[at];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`expected ${expected ?? 'a token'} at ${String(at)} in ${body}`);
    }
    at += 1;
    return token;
  };
  const primary = (): Value => {
    const token = take();
    if (token === '(') {
      const inner = or();
      take(')');
      return inner;
    }
    if (token === '!') return !truthy(primary());
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (peek() === '(') {
      take('(');
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') take(',');
      }
      take(')');
      const fn = scope.functions?.[token];
      if (fn === undefined) throw new Error(`unknown function ${token}()`);
      return fn(...args);
    }
    const [context = '', ...path] = token.split('.');
    const values = scope.contexts[context];
    if (values === undefined) throw new Error(`unknown context ${context}`);
    return values[path.join('.')] ?? null;
  };
  const comparison = (): Value => {
    let left = primary();
    while (peek() === '==' || peek() === '!=') {
      const op = take();
      const right = primary();
      left = op === '==' ? equals(left, right) : !equals(left, right);
    }
    return left;
  };
  const and = (): Value => {
    let left = comparison();
    while (peek() === '&&') {
      take();
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const or = (): Value => {
    let left = and();
    while (peek() === '||') {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const result = or();
  if (at !== tokens.length) throw new Error(`unexpected ${tokens[at] ?? ''} in ${body}`);
  return result;
};
