import 'server-only';
import { and, atom, not, or, type Formula } from './boolean-formula';

// APIM conditions are C#; Roleport reads only the boolean structure (`!`, `&&`, `||`, `== true|false`, `?? false`,
// parentheses) and the common tests of the token's `roles` claim. Anything else becomes an opaque atom carrying its
// source text, so callers can report it instead of guessing.

const TOKEN = /\s*("(?:[^"\\]|\\.)*"|@"(?:[^"]|"")*"|'(?:[^'\\]|\\.)*'|&&|\|\||==|!=|\?\?|\?\.|=>|[A-Za-z_][\w]*|\d[\w.]*|\S)/y;
const STOPS = new Set(['&&', '||', '==', '!=', '??', ')', '?', ':']);

// The token as a `Jwt`: a variable set by validate-jwt's output-token-variable-name, or the Authorization header.
const JWT_SOURCE = [
  String.raw`\(\(Jwt\)context\.Variables\["[^"]+"\]\)`,
  String.raw`\(context\.Variables\["[^"]+"\] as Jwt\)`,
  String.raw`context\.Variables\.GetValueOrDefault<Jwt>\("[^"]+"\)`,
  String.raw`context\.Request\.Headers\.GetValueOrDefault\("Authorization"(?:,"[^"]*")?\)(?:\??\.Split\(' '\)(?:\.Last\(\)|\[1\]))?\??\.AsJwt\(\)`,
].join('|');
const ROLES_CLAIM = String.raw`\??\.Claims(?:\??\.GetValueOrDefault\("roles"(?:,"[^"]*")?\)(?<split>\??\.Split\(','\))?|\["roles"\](?<array>))`;
const ROLE_TEST = new RegExp(String.raw`^(?:${JWT_SOURCE})${ROLES_CLAIM}\??\.Contains\("(?<role>(?:[^"\\]|\\.)*)"\)$`);

function tokenize(text: string): string[] | null {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) return text.slice(start).trim() ? null : tokens;
    tokens.push(match[1] as string);
  }
  return tokens;
}

const isWord = (token: string | undefined) => token !== undefined && /^[\w@]/.test(token) && !token.startsWith('@"');

/** Source text of a token span without layout whitespace (keeps a space between adjacent words). */
function joinTokens(tokens: string[]): string {
  return tokens.reduce((text, token, i) => text + (i > 0 && isWord(tokens[i - 1]) && isWord(token) ? ' ' : '') + token, '');
}

function operandFormula(tokens: string[]): Formula {
  const text = joinTokens(tokens);
  if (text === 'true' || text === 'false') return { op: 'const', value: text === 'true' };
  if (tokens[0] === '(' && matchingParen(tokens, 0) === tokens.length - 1) {
    return parseTokens(tokens.slice(1, -1)) ?? atom({ kind: 'opaque', text });
  }
  const match = ROLE_TEST.exec(text);
  if (!match?.groups) return atom({ kind: 'opaque', text });
  const role = (match.groups.role as string).replace(/\\(.)/g, '$1');
  const exact = match.groups.split !== undefined || match.groups.array !== undefined;
  return atom({ kind: 'role', role, substring: !exact });
}

function matchingParen(tokens: string[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i] === '(' || tokens[i] === '[' || tokens[i] === '{') depth++;
    if (tokens[i] === ')' || tokens[i] === ']' || tokens[i] === '}') depth--;
    if (depth === 0) return i;
  }
  return -1;
}

/** Recursive descent over a token list; null on anything outside the boolean subset's grammar. */
function parseTokens(tokens: string[]): Formula | null {
  let pos = 0;
  const operand = (): { formula: Formula; text: string } | null => {
    const start = pos;
    let depth = 0;
    while (pos < tokens.length && (depth > 0 || !STOPS.has(tokens[pos] as string))) {
      const token = tokens[pos] as string;
      if (token === '(' || token === '[' || token === '{') depth++;
      if (token === ')' || token === ']' || token === '}') depth--;
      if (depth < 0) return null;
      pos++;
    }
    if (pos === start || depth !== 0) return null;
    const span = tokens.slice(start, pos);
    return { formula: operandFormula(span), text: joinTokens(span) };
  };
  const comparison = (): Formula | null => {
    const left = operand();
    if (!left) return null;
    let formula = left.formula;
    let text = left.text;
    while (tokens[pos] === '==' || tokens[pos] === '!=' || tokens[pos] === '??') {
      const op = tokens[pos++] as string;
      const right = operand();
      if (!right) return null;
      text = `${text} ${op} ${right.text}`;
      if (op === '??' && right.text === 'false') continue;
      if (op !== '??' && (right.text === 'true' || right.text === 'false')) {
        if ((op === '==') !== (right.text === 'true')) formula = not(formula);
        continue;
      }
      formula = atom({ kind: 'opaque', text });
    }
    return formula;
  };
  const unary = (): Formula | null => {
    if (tokens[pos] !== '!') return comparison();
    pos++;
    const operandFormula = unary();
    return operandFormula && not(operandFormula);
  };
  const conjunction = (): Formula | null => {
    const parts = [unary()];
    while (tokens[pos] === '&&') {
      pos++;
      parts.push(unary());
    }
    return parts.every((p) => p !== null) ? (parts.length === 1 ? (parts[0] as Formula) : and(...(parts as Formula[]))) : null;
  };
  const disjunction = (): Formula | null => {
    const parts = [conjunction()];
    while (tokens[pos] === '||') {
      pos++;
      parts.push(conjunction());
    }
    return parts.every((p) => p !== null) ? (parts.length === 1 ? (parts[0] as Formula) : or(...(parts as Formula[]))) : null;
  };
  const formula = disjunction();
  return formula && pos === tokens.length ? formula : null;
}

/** Reads a `when` condition (`@(...)`, `@{ return ...; }`, or a literal) as a formula over roles-claim tests. */
export function parseRoleCondition(condition: string): Formula {
  const text = condition.trim();
  const opaque = atom({ kind: 'opaque', text });
  if (text === 'true' || text === 'false') return { op: 'const', value: text === 'true' };
  const body = /^@\(([\s\S]*)\)$/.exec(text)?.[1] ?? /^@\{\s*return\s+([\s\S]*?);?\s*\}$/.exec(text)?.[1];
  if (body === undefined) return opaque;
  const tokens = tokenize(body);
  return (tokens && parseTokens(tokens)) ?? opaque;
}
