import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { escapeRawExpressions, isExpression } from './policy-expressions';

export type PolicyFormat = 'xml' | 'rawxml';
export type ParseResult = { ok: true; doc: Document } | { ok: false; message: string };

const SECTIONS = new Set(['inbound', 'backend', 'outbound', 'on-error']);
const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const COMMENT = 8;

/** A `&` that starts no entity or character reference (outside comments and CDATA), which strict XML rejects. */
function bareAmpersand(text: string): boolean {
  const outside = text.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  return /&(?!(?:[A-Za-z_][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)/.test(outside);
}

/**
 * Parses policy XML with a real parser. APIM's parser is strict, so xmldom's warnings (which it recovers
 * from, e.g. an unescaped quote inside an attribute) are failures here too, reported in the parser's words.
 */
export function parseXml(text: string): ParseResult {
  const problems: string[] = [];
  if (bareAmpersand(text)) return { ok: false, message: "An '&' must start an entity reference such as '&amp;'." };
  try {
    const doc = new DOMParser({
      onError: (_level, message) => {
        problems.push(message);
      },
    }).parseFromString(text, 'text/xml');
    if (problems.length > 0) return { ok: false, message: problems[0] as string };
    return { ok: true, doc };
  } catch (error) {
    return { ok: false, message: problems[0] ?? (error instanceof Error ? error.message : String(error)) };
  }
}

/** The structural rules APIM enforces on save: a `policies` root holding only the four sections, once each. */
function checkStructure(doc: Document): string | null {
  const root = doc.documentElement;
  if (!root || root.nodeName !== 'policies') return `Root element must be 'policies', found '${root?.nodeName ?? ''}'.`;
  const seen = new Set<string>();
  for (const child of elementChildren(root)) {
    if (!SECTIONS.has(child.nodeName)) return `Element '${child.nodeName}' is not allowed directly under 'policies'.`;
    if (seen.has(child.nodeName)) return `Section '${child.nodeName}' appears more than once.`;
    seen.add(child.nodeName);
  }
  return null;
}

export function elementChildren(node: Node): Element[] {
  const out: Element[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT) out.push(child as Element);
  }
  return out;
}

export type CanonicalResult = { ok: true; xml: string } | { ok: false; message: string };

/** Validates a submitted policy and returns it as APIM stores it (escaped, `\r\n`, two-space indents). */
export function canonicalizePolicy(value: string, format: PolicyFormat, namedValueExists?: (name: string) => boolean): CanonicalResult {
  const text = format === 'rawxml' ? escapeRawExpressions(value) : value;
  const parsed = parseXml(text);
  if (!parsed.ok) return { ok: false, message: `The policy XML is not well formed: ${parsed.message}` };
  const problem = checkStructure(parsed.doc);
  if (problem) return { ok: false, message: problem };
  if (namedValueExists) {
    for (const match of text.matchAll(/\{\{([^{}]+)\}\}/g)) {
      const name = (match[1] as string).trim();
      if (!namedValueExists(name)) return { ok: false, message: `Cannot find a property '${name}'` };
    }
  }
  return { ok: true, xml: serializeDocument(parsed.doc, false) };
}

/** Renders a stored policy in the requested format; rawxml leaves expression bodies unescaped. */
export function renderPolicy(storedXml: string, format: PolicyFormat): string {
  if (format === 'xml') return storedXml;
  const parsed = parseXml(storedXml);
  return parsed.ok ? serializeDocument(parsed.doc, true) : storedXml;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');
}

function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

function attributes(element: Element, raw: boolean): string {
  let out = '';
  for (let i = 0; i < element.attributes.length; i++) {
    const attr = element.attributes.item(i);
    if (!attr) continue;
    const value = raw && isExpression(attr.value) ? attr.value : escapeAttribute(attr.value);
    out += ` ${attr.name}="${value}"`;
  }
  return out;
}

function textOf(node: Node, raw: boolean): string {
  const data = (node as unknown as { data: string }).data;
  if (node.nodeType === CDATA) return `<![CDATA[${data}]]>`;
  return crlf(raw && isExpression(data) ? data : escapeText(data));
}

function serializeNode(node: Node, depth: number, raw: boolean, lines: string[]): void {
  const pad = '  '.repeat(depth);
  if (node.nodeType === COMMENT) {
    lines.push(`${pad}<!--${crlf((node as unknown as { data: string }).data)}-->`);
    return;
  }
  if (node.nodeType === TEXT || node.nodeType === CDATA) {
    const text = (node as unknown as { data: string }).data;
    if (text.trim()) lines.push(pad + textOf(node, raw).trim());
    return;
  }
  if (node.nodeType !== ELEMENT) return;
  const element = node as Element;
  const open = `${pad}<${element.nodeName}${attributes(element, raw)}`;
  const children: Node[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) children.push(child);
  if (children.length === 0) {
    lines.push(`${open} />`);
    return;
  }
  if (children.every((c) => c.nodeType === TEXT || c.nodeType === CDATA)) {
    lines.push(`${open}>${children.map((c) => textOf(c, raw)).join('')}</${element.nodeName}>`);
    return;
  }
  const inner: string[] = [];
  for (const child of children) serializeNode(child, depth + 1, raw, inner);
  if (inner.length === 0) {
    lines.push(`${open} />`);
    return;
  }
  lines.push(`${open}>`, ...inner, `${pad}</${element.nodeName}>`);
}

/** Pretty-prints the way APIM returns policies: `\r\n` line breaks, two-space indents, ` />` for empty elements. */
export function serializeDocument(doc: Document, raw: boolean): string {
  const lines: string[] = [];
  for (let child = doc.firstChild; child; child = child.nextSibling) serializeNode(child, 0, raw, lines);
  return lines.join('\r\n');
}
