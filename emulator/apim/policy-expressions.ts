// APIM's "rawxml" format lets policy expressions (`@(...)`, `@{...}`) hold unescaped `<`, `>`, `&` and `"`;
// the service escapes them before it parses the document. This finds those regions the same way.

const OPENERS: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

/** Index just past a C# string or char literal starting at `start`, or -1 if it never closes. */
function skipLiteral(text: string, start: number): number {
  const quote = text[start];
  const verbatim = quote === '"' && text[start - 1] === '@';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (!verbatim && ch === '\\') {
      i++;
      continue;
    }
    if (ch === quote) {
      if (verbatim && text[i + 1] === '"') {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return -1;
}

/** End index (exclusive) of the expression whose opening bracket is at `open`, or -1 when unbalanced. */
export function findExpressionEnd(text: string, open: number): number {
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"' || (ch === "'" && /^'(\\.|[^'\\])'/.test(text.slice(i, i + 4)))) {
      const next = skipLiteral(text, i);
      if (next < 0) return -1;
      i = next - 1;
      continue;
    }
    const closer = OPENERS[ch];
    if (closer) stack.push(closer);
    else if (ch === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

function escapeExpression(expression: string): string {
  return expression.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Turns "non XML encoded" policy text into XML by escaping each expression's body. */
export function escapeRawExpressions(raw: string): string {
  let out = '';
  let cursor = 0;
  for (let at = raw.indexOf('@', cursor); at >= 0; at = raw.indexOf('@', cursor)) {
    const opener = raw[at + 1];
    if (opener !== '(' && opener !== '{') {
      out += raw.slice(cursor, at + 1);
      cursor = at + 1;
      continue;
    }
    const end = findExpressionEnd(raw, at + 1);
    if (end < 0) break; // unbalanced: leave it for the XML parser to report
    out += raw.slice(cursor, at + 1) + escapeExpression(raw.slice(at + 1, end));
    cursor = end;
  }
  return out + raw.slice(cursor);
}

/** True when a text or attribute value is a policy expression (so rawxml output leaves it unescaped). */
export function isExpression(value: string): boolean {
  const trimmed = value.trim().replace(/^"/, '');
  return trimmed.startsWith('@(') || trimmed.startsWith('@{');
}
