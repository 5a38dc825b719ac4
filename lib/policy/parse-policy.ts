import 'server-only';
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { POLICY_SECTIONS, type PolicyDocument, type PolicyElement, type PolicyNode, type PolicySectionName } from './policy-types';
import { scanPolicyXml } from './scan-policy-xml';

export type ParsePolicyResult = { ok: true; doc: PolicyDocument } | { ok: false; error: string };

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;
const COMMENT_NODE = 8;

function toNode(node: Node): PolicyNode | null {
  if (node.nodeType === ELEMENT_NODE) return toElement(node as Element);
  if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_NODE) {
    const text = node.nodeValue ?? '';
    return text.trim() ? { kind: 'text', text } : null;
  }
  if (node.nodeType === COMMENT_NODE) return { kind: 'comment', text: node.nodeValue ?? '' };
  return null;
}

function toElement(element: Element): PolicyElement {
  const attributes: Record<string, string> = {};
  for (let i = 0; i < element.attributes.length; i++) {
    const attribute = element.attributes.item(i);
    if (attribute) attributes[attribute.name] = attribute.value;
  }
  const children: PolicyNode[] = [];
  for (let i = 0; i < element.childNodes.length; i++) {
    const child = element.childNodes.item(i);
    const converted = child ? toNode(child) : null;
    if (converted) children.push(converted);
  }
  return { kind: 'element', name: element.tagName, attributes, children };
}

/** Parses with a real XML parser; every parser error (not only fatal ones) makes the document unreadable. */
function parseXml(text: string): { ok: true; root: Element } | { ok: false; error: string } {
  const problems: string[] = [];
  try {
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problems.push(message.replace(/^\[xmldom \w+\]\s*/, ''));
      },
    }).parseFromString(text, 'text/xml');
    const root = doc.documentElement;
    if (problems.length > 0 || !root) return { ok: false, error: problems[0] ?? 'the document has no root element' };
    return { ok: true, root };
  } catch (error) {
    return { ok: false, error: problems[0] ?? (error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * Reads policy XML as APIM returns it in either format: `xml` (expressions escaped) or `rawxml` (expressions raw,
 * which is not well-formed XML until they are escaped, so they are escaped first as APIM does).
 */
export function parsePolicy(xml: string): ParsePolicyResult {
  if (!xml.trim()) return { ok: false, error: 'The policy is empty.' };
  const scanned = scanPolicyXml(xml);
  // When the scan cannot find boundaries, the parser's own message on the original text is the more useful one.
  const parsed = parseXml(scanned.ok ? scanned.escaped : xml);
  if (!parsed.ok) return { ok: false, error: `The policy is not well-formed XML: ${parsed.error}` };
  if (!scanned.ok) return { ok: false, error: `The policy cannot be read: ${scanned.error}` };
  if (parsed.root.tagName !== 'policies') {
    return { ok: false, error: `The policy's root element is <${parsed.root.tagName}>, expected <policies>.` };
  }
  const root = toElement(parsed.root);
  const sections = Object.fromEntries(POLICY_SECTIONS.map((name) => [name, null])) as Record<PolicySectionName, PolicyNode[] | null>;
  for (const child of root.children) {
    if (child.kind !== 'element' || !(POLICY_SECTIONS as readonly string[]).includes(child.name)) continue;
    const name = child.name as PolicySectionName;
    if (sections[name]) return { ok: false, error: `The policy has more than one <${name}> section.` };
    sections[name] = child.children;
  }
  return { ok: true, doc: { sections } };
}
