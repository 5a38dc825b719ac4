// APIM policy expressions are C#; the emulated gateway evaluates only the whitelisted forms Roleport
// generates or recognizes (role checks on a validated JWT, header, method and variable tests),
// combined with `!`, `&&`, `||` and parentheses. Anything else is reported, never guessed.
import { headerValue, UnsupportedPolicyError, type GatewayContext, type JwtVariable } from './gateway-context';

type Atom = { pattern: RegExp; evaluate: (m: RegExpExecArray, ctx: GatewayContext) => boolean };

const S = '\\s*';
const STR = '"((?:[^"\\\\]|\\\\.)*)"';
const JWT_REF = `(?:\\(${S}\\(${S}Jwt${S}\\)${S}context\\.Variables${S}\\[${S}${STR}${S}\\]${S}\\)|context\\.Variables\\.GetValueOrDefault<Jwt>\\(${S}${STR}${S}\\))`;
const CLAIM = `${JWT_REF}${S}\\.Claims\\.GetValueOrDefault\\(${S}${STR}${S}(?:,${S}${STR}${S})?\\)`;
const HEADER = `context\\.Request\\.Headers\\.GetValueOrDefault\\(${S}${STR}${S}(?:,${S}${STR}${S})?\\)`;

function jwt(ctx: GatewayContext, name: string): JwtVariable {
  const value = ctx.variables.get(name);
  if (value === undefined) throw new UnsupportedPolicyError(`Expression evaluation failed: the variable '${name}' was not found.`);
  if (value === null || typeof value !== 'object' || value.kind !== 'jwt')
    throw new UnsupportedPolicyError(`Expression evaluation failed: the variable '${name}' is not a Jwt.`);
  return value;
}

function claimString(m: RegExpExecArray, ctx: GatewayContext): string {
  const token = jwt(ctx, (m[1] ?? m[2]) as string);
  const values = token.claims[m[3] as string];
  return values ? values.join(',') : (m[4] ?? '');
}

function compareText(op: string, left: string, right: string): boolean {
  return op === '==' ? left === right : left !== right;
}

const ATOMS: Atom[] = [
  {
    pattern: new RegExp(`${CLAIM}${S}\\.Split\\(${S}'(.)'${S}\\)${S}\\.Contains\\(${S}${STR}${S}\\)`, 'y'),
    evaluate: (m, ctx) =>
      claimString(m, ctx)
        .split(m[5] as string)
        .includes(m[6] as string),
  },
  {
    pattern: new RegExp(`${CLAIM}${S}\\.Contains\\(${S}${STR}${S}\\)`, 'y'),
    evaluate: (m, ctx) => claimString(m, ctx).includes(m[5] as string),
  },
  {
    pattern: new RegExp(`${CLAIM}${S}(==|!=)${S}${STR}`, 'y'),
    evaluate: (m, ctx) => compareText(m[5] as string, claimString(m, ctx), m[6] as string),
  },
  {
    pattern: new RegExp(`context\\.Request\\.Headers\\.ContainsKey\\(${S}${STR}${S}\\)`, 'y'),
    evaluate: (m, ctx) => headerValue(ctx, m[1] as string) !== undefined,
  },
  {
    pattern: new RegExp(`${HEADER}${S}(==|!=)${S}${STR}`, 'y'),
    evaluate: (m, ctx) => compareText(m[3] as string, headerValue(ctx, m[1] as string) ?? m[2] ?? '', m[4] as string),
  },
  {
    pattern: new RegExp(`${HEADER}${S}\\.(Contains|StartsWith|EndsWith|Equals)\\(${S}${STR}${S}\\)`, 'y'),
    evaluate: (m, ctx) => {
      const value = headerValue(ctx, m[1] as string) ?? m[2] ?? '';
      const arg = m[4] as string;
      return m[3] === 'Contains'
        ? value.includes(arg)
        : m[3] === 'StartsWith'
          ? value.startsWith(arg)
          : m[3] === 'EndsWith'
            ? value.endsWith(arg)
            : value === arg;
    },
  },
  {
    pattern: new RegExp(`context\\.Request\\.Method${S}(==|!=)${S}${STR}`, 'y'),
    evaluate: (m, ctx) => compareText(m[1] as string, ctx.method, m[2] as string),
  },
  {
    pattern: new RegExp(`context\\.Variables\\.ContainsKey\\(${S}${STR}${S}\\)`, 'y'),
    evaluate: (m, ctx) => ctx.variables.has(m[1] as string),
  },
  {
    pattern: new RegExp(
      `(?:\\(${S}string${S}\\)${S}context\\.Variables${S}\\[${S}${STR}${S}\\]|context\\.Variables\\.GetValueOrDefault<string>\\(${S}${STR}${S}\\))${S}(==|!=)${S}${STR}`,
      'y',
    ),
    evaluate: (m, ctx) => compareText(m[3] as string, String(ctx.variables.get((m[1] ?? m[2]) as string) ?? ''), m[4] as string),
  },
  {
    pattern: new RegExp(
      `(?:\\(${S}bool${S}\\)${S}context\\.Variables${S}\\[${S}${STR}${S}\\]|context\\.Variables\\.GetValueOrDefault<bool>\\(${S}${STR}${S}\\))`,
      'y',
    ),
    evaluate: (m, ctx) => {
      const value = ctx.variables.get((m[1] ?? m[2]) as string);
      return value === true || value === 'true' || value === 'True';
    },
  },
  {
    // The IResponse a send-request stored (null when it failed with ignore-error="true").
    pattern: new RegExp(
      `(?:\\(${S}\\(${S}IResponse${S}\\)${S}context\\.Variables${S}\\[${S}${STR}${S}\\]${S}\\)\\.|context\\.Variables\\.GetValueOrDefault<IResponse>\\(${S}${STR}${S}\\)\\?\\.)StatusCode${S}(==|!=)${S}(\\d{3})`,
      'y',
    ),
    evaluate: (m, ctx) => {
      const name = (m[1] ?? m[2]) as string;
      const value = ctx.variables.get(name);
      const nullable = m[2] !== undefined;
      if (value === undefined && !nullable)
        throw new UnsupportedPolicyError(`Expression evaluation failed: the variable '${name}' was not found.`);
      if ((value === null || value === undefined) && !nullable)
        throw new UnsupportedPolicyError(`Expression evaluation failed: the variable '${name}' is null.`);
      const code = value && typeof value === 'object' && value.kind === 'response' ? value.statusCode : null;
      return m[3] === '==' ? code === Number(m[4]) : code !== Number(m[4]);
    },
  },
  { pattern: /(true|false)\b/y, evaluate: (m) => m[1] === 'true' },
];

/** Evaluates a `condition="@(...)"` expression from the whitelisted subset. */
export function evaluateCondition(expression: string, ctx: GatewayContext): boolean {
  const trimmed = expression.trim();
  if (!trimmed.startsWith('@(') || !trimmed.endsWith(')')) {
    throw new UnsupportedPolicyError(`Unsupported condition '${expression}': only single-statement expressions '@(...)' are supported.`);
  }
  const text = trimmed.slice(2, -1);
  let pos = 0;
  const fail = (): never => {
    throw new UnsupportedPolicyError(`Unsupported policy expression '${expression}' (not understood at: '${text.slice(pos, pos + 60)}').`);
  };
  const skip = () => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  const eat = (token: string) => {
    skip();
    if (text.startsWith(token, pos)) {
      pos += token.length;
      return true;
    }
    return false;
  };
  // `live` is false on the short-circuited side of && / ||: it is still parsed (so unsupported forms are
  // always reported) but not evaluated, as C# would not evaluate it.
  const unary = (live: boolean): boolean => {
    skip();
    if (text[pos] === '!' && text[pos + 1] !== '=') {
      pos++;
      return !unary(live);
    }
    for (const atom of ATOMS) {
      atom.pattern.lastIndex = pos;
      const m = atom.pattern.exec(text);
      if (m) {
        pos = atom.pattern.lastIndex;
        return live ? atom.evaluate(m, ctx) : false;
      }
    }
    if (eat('(')) {
      const inner = or(live);
      if (!eat(')')) fail();
      return inner;
    }
    return fail();
  };
  const and = (live: boolean): boolean => {
    let value = unary(live);
    while (eat('&&')) value = unary(live && value) && value;
    return value;
  };
  const or = (live: boolean): boolean => {
    let value = and(live);
    while (eat('||')) value = and(live && !value) || value;
    return value;
  };
  const result = or(true);
  skip();
  if (pos !== text.length) fail();
  return result;
}
