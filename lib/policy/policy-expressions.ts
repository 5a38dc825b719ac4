import 'server-only';

// APIM policy expressions (`@(...)`, `@{...}`) are C#. In the `rawxml` format their `<`, `>`, `&` and `"` arrive
// unescaped, so the document is not XML until they are escaped; the `xml` format carries them escaped
// (`&quot;`). Both forms must be scanned to the same closing bracket, so string literals are recognised either way.

const CLOSERS: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
const QUOTE_ENTITY = '&quot;';
const ENTITY = /&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][\w.-]*);/y;

/** True when an expression starts at `at` (`@(` or `@{`). */
export function startsExpression(text: string, at: number): boolean {
  return text[at] === '@' && (text[at + 1] === '(' || text[at + 1] === '{');
}

/** Index just past a string/char literal starting at `start` (raw `"`/`'` or escaped `&quot;`), or -1. */
function skipLiteral(text: string, start: number): number {
  if (text.startsWith(QUOTE_ENTITY, start)) {
    const close = text.indexOf(QUOTE_ENTITY, start + QUOTE_ENTITY.length);
    return close < 0 ? -1 : close + QUOTE_ENTITY.length;
  }
  const quote = text[start];
  const verbatim = quote === '"' && text[start - 1] === '@';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (!verbatim && ch === '\\') {
      i++;
    } else if (ch === quote) {
      if (verbatim && text[i + 1] === '"') i++;
      else return i + 1;
    }
  }
  return -1;
}

/** End (exclusive) of the expression whose `@` is at `at`, or -1 when its brackets never balance. */
export function findExpressionEnd(text: string, at: number): number {
  const stack: string[] = [];
  for (let i = at + 1; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"' || ch === "'" || text.startsWith(QUOTE_ENTITY, i)) {
      const end = skipLiteral(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (CLOSERS[ch]) {
      stack.push(CLOSERS[ch] as string);
    } else if (ch === ')' || ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

function isEntityAt(text: string, at: number): boolean {
  ENTITY.lastIndex = at;
  return ENTITY.test(text);
}

/** Escapes an expression body the way APIM does before parsing; existing entity references are kept. */
export function escapeExpression(body: string, quote: '"' | "'" | null): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === '&') out += isEntityAt(body, i) ? '&' : '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"' && quote === '"') out += '&quot;';
    else if (ch === "'" && quote === "'") out += '&apos;';
    else out += ch;
  }
  return out;
}
