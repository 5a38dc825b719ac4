// The OData `$filter` subset APIM's management API accepts: eq/ne/gt/ge/lt/le, and/or/not, parentheses,
// contains/startswith/endswith. Field names may carry the `properties/` prefix. Anything else is rejected.

export type FieldValue = string | number | boolean | null;
export type Fields = Record<string, FieldValue>;
export type FilterPredicate = (fields: Fields) => boolean;

export class FilterError extends Error {}

type Token = { kind: 'word' | 'string' | 'number' | 'punct'; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) i++;
    else if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new FilterError('Unterminated string literal.');
        if (input[i] === "'" && input[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (input[i] === "'") break;
        else value += input[i++];
      }
      i++;
      tokens.push({ kind: 'string', text: value });
    } else if ('(),'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch });
      i++;
    } else {
      const match = /^[-\w./$]+/.exec(input.slice(i));
      if (!match) throw new FilterError(`Unexpected character '${ch}'.`);
      const text = match[0];
      tokens.push({ kind: /^-?\d+(\.\d+)?$/.test(text) ? 'number' : 'word', text });
      i += text.length;
    }
  }
  return tokens;
}

const COMPARISONS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
const FUNCTIONS = ['contains', 'startswith', 'endswith'];

function normalize(value: FieldValue): FieldValue {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function compare(op: string, left: FieldValue, right: FieldValue): boolean {
  const a = normalize(left);
  const b = normalize(right);
  if (op === 'eq') return a === b;
  if (op === 'ne') return a !== b;
  if (a === null || b === null) return false;
  if (op === 'gt') return a > b;
  if (op === 'ge') return a >= b;
  if (op === 'lt') return a < b;
  return a <= b;
}

/** Parses a filter against the given field names; unknown fields or syntax fail with a FilterError. */
export function parseFilter(
  input: string,
  allowedFields: readonly string[],
  mapLiteral: (field: string, value: FieldValue) => FieldValue = (_f, v) => v,
): FilterPredicate {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => {
    const token = tokens[pos++];
    if (!token) throw new FilterError('Unexpected end of filter.');
    return token;
  };
  const expect = (text: string) => {
    if (take().text !== text) throw new FilterError(`Expected '${text}'.`);
  };
  const field = (): string => {
    const token = take();
    const name = token.text.replace(/^properties\//i, '');
    const known = allowedFields.find((f) => f.toLowerCase() === name.toLowerCase());
    if (token.kind !== 'word' || !known) throw new FilterError(`Field '${token.text}' is not supported for filtering.`);
    return known;
  };
  const literal = (): FieldValue => {
    const token = take();
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.text === 'true' || token.text === 'false') return token.text === 'true';
    if (token.text === 'null') return null;
    throw new FilterError(`Expected a literal, found '${token.text}'.`);
  };
  const primary = (): FilterPredicate => {
    const token = peek();
    if (token?.text === '(') {
      take();
      const inner = orExpr();
      expect(')');
      return inner;
    }
    if (token?.kind === 'word' && token.text.toLowerCase() === 'not') {
      take();
      const inner = primary();
      return (f) => !inner(f);
    }
    if (token?.kind === 'word' && FUNCTIONS.includes(token.text.toLowerCase()) && tokens[pos + 1]?.text === '(') {
      const fn = take().text.toLowerCase();
      expect('(');
      const name = field();
      expect(',');
      const value = String(mapLiteral(name, literal())).toLowerCase();
      expect(')');
      return (f) => {
        const actual = String(f[name] ?? '').toLowerCase();
        return fn === 'contains' ? actual.includes(value) : fn === 'startswith' ? actual.startsWith(value) : actual.endsWith(value);
      };
    }
    const name = field();
    const op = take().text.toLowerCase();
    if (!COMPARISONS.includes(op)) throw new FilterError(`Operator '${op}' is not supported.`);
    const value = mapLiteral(name, literal());
    return (f) => compare(op, f[name] ?? null, value);
  };
  const andExpr = (): FilterPredicate => {
    let left = primary();
    while (peek()?.text.toLowerCase() === 'and') {
      take();
      const l = left;
      const r = primary();
      left = (f) => l(f) && r(f);
    }
    return left;
  };
  const orExpr = (): FilterPredicate => {
    let left = andExpr();
    while (peek()?.text.toLowerCase() === 'or') {
      take();
      const l = left;
      const r = andExpr();
      left = (f) => l(f) || r(f);
    }
    return left;
  };
  const predicate = orExpr();
  if (pos < tokens.length) throw new FilterError(`Unexpected '${tokens[pos]?.text}'.`);
  return predicate;
}
