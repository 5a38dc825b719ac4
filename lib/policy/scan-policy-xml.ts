import 'server-only';
import { escapeExpression, findExpressionEnd, startsExpression } from './policy-expressions';

// A position-keeping scan of policy XML. It serves two needs the DOM cannot: escaping raw expressions before the
// real parser sees the text, and knowing the exact source offsets of tags and comments so Roleport can splice its
// own block without re-serialising (and so reformatting) anything it does not own. Well-formedness is the
// parser's job; this scan only has to find boundaries.

export type XmlToken =
  | { kind: 'start'; name: string; start: number; end: number; selfClosing: boolean }
  | { kind: 'end'; name: string; start: number; end: number }
  | { kind: 'comment'; body: string; start: number; end: number }
  | { kind: 'other'; start: number; end: number };

export type ScanResult = { ok: true; tokens: XmlToken[]; escaped: string } | { ok: false; error: string };

const NAME = /[A-Za-z_:][\w.:-]*/y;

class ScanError extends Error {}

export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split(/\r\n|\n|\r/);
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

function readName(text: string, at: number): string {
  NAME.lastIndex = at;
  return NAME.exec(text)?.[0] ?? '';
}

function expressionEnd(text: string, at: number): number {
  const end = findExpressionEnd(text, at);
  if (end < 0) throw new ScanError(`unbalanced policy expression at ${lineAndColumn(text, at)}`);
  return end;
}

/** Scans `<name attr="value" ...>`; attribute values may hold raw expressions. */
function scanStartTag(text: string, at: number, out: string[]): { end: number; selfClosing: boolean } {
  let i = at + 1 + readName(text, at + 1).length;
  out.push(text.slice(at, i));
  for (;;) {
    const rest = /\s*(\/?>|[^\s=/>]+\s*=\s*(["']))/y;
    rest.lastIndex = i;
    const m = rest.exec(text);
    if (!m) throw new ScanError(`malformed tag at ${lineAndColumn(text, at)}`);
    out.push(m[0]);
    i += m[0].length;
    if (m[1] === '>' || m[1] === '/>') return { end: i, selfClosing: m[1] === '/>' };
    const quote = m[2] as '"' | "'";
    while (text[i] !== quote) {
      if (i >= text.length) throw new ScanError(`unterminated attribute value at ${lineAndColumn(text, at)}`);
      if (startsExpression(text, i)) {
        const end = expressionEnd(text, i);
        out.push(escapeExpression(text.slice(i, end), quote));
        i = end;
      } else {
        out.push(text[i] as string);
        i++;
      }
    }
    out.push(quote);
    i++;
  }
}

function scanUntil(text: string, at: number, close: string, what: string): number {
  const end = text.indexOf(close, at);
  if (end < 0) throw new ScanError(`unterminated ${what} at ${lineAndColumn(text, at)}`);
  return end + close.length;
}

function scan(text: string): { tokens: XmlToken[]; escaped: string } {
  const tokens: XmlToken[] = [];
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    if (text.startsWith('<!--', i)) {
      i = scanUntil(text, i + 4, '-->', 'comment');
      tokens.push({ kind: 'comment', body: text.slice(start + 4, i - 3), start, end: i });
    } else if (text.startsWith('<![CDATA[', i)) {
      i = scanUntil(text, i, ']]>', 'CDATA section');
      tokens.push({ kind: 'other', start, end: i });
    } else if (text.startsWith('<?', i) || text.startsWith('<!', i)) {
      i = scanUntil(text, i, text[i + 1] === '?' ? '?>' : '>', 'declaration');
      tokens.push({ kind: 'other', start, end: i });
    } else if (text.startsWith('</', i)) {
      i = scanUntil(text, i, '>', 'end tag');
      tokens.push({ kind: 'end', name: readName(text, start + 2), start, end: i });
    } else if (text[i] === '<') {
      if (!readName(text, i + 1)) throw new ScanError(`unexpected "<" at ${lineAndColumn(text, i)}`);
      const tag = scanStartTag(text, i, out);
      i = tag.end;
      tokens.push({ kind: 'start', name: readName(text, start + 1), start, end: i, selfClosing: tag.selfClosing });
      continue;
    } else {
      while (i < text.length && text[i] !== '<') {
        if (startsExpression(text, i)) {
          const end = expressionEnd(text, i);
          out.push(escapeExpression(text.slice(i, end), null));
          i = end;
        } else {
          out.push(text[i] as string);
          i++;
        }
      }
      tokens.push({ kind: 'other', start, end: i });
      continue;
    }
    out.push(text.slice(start, i));
  }
  return { tokens, escaped: out.join('') };
}

/** Splits policy XML into tokens with source offsets and produces the expression-escaped text for the parser. */
export function scanPolicyXml(text: string): ScanResult {
  try {
    return { ok: true, ...scan(text) };
  } catch (error) {
    if (error instanceof ScanError) return { ok: false, error: error.message };
    throw error;
  }
}
