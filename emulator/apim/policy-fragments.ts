import type { Document, Element } from '@xmldom/xmldom';
import { escapeRawExpressions } from './policy-expressions';
import { elementChildren, parseXml, serializeDocument, type PolicyFormat } from './policy-xml';
import { findIn } from './state';
import type { ApimState } from './types';

// Policy fragments (learn.microsoft.com/azure/api-management/policy-fragments): "valid XML containing one or more
// policy configurations"; a fragment "can't include a policy section identifier (<inbound>, <outbound>, etc.) or the
// <base/> element", "can't nest another policy fragment", and is at most 32 KB. ARM returns the document with its
// `<fragment>` root (examples ApiManagementGetPolicyFragment.json, ApiManagementGetPolicyFragmentFormat.json).

const MAX_FRAGMENT_BYTES = 32 * 1024;
const FORBIDDEN = new Set(['inbound', 'backend', 'outbound', 'on-error', 'base', 'include-fragment']);

function descendants(element: Element): Element[] {
  return elementChildren(element).flatMap((child) => [child, ...descendants(child)]);
}

export type FragmentResult = { ok: true; xml: string } | { ok: false; message: string };

/** Validates a submitted fragment and returns it as APIM stores it (escaped, `\r\n`, two-space indents). */
export function canonicalizeFragment(value: string, format: PolicyFormat, namedValueExists: (name: string) => boolean): FragmentResult {
  if (Buffer.byteLength(value) > MAX_FRAGMENT_BYTES)
    return { ok: false, message: 'The policy fragment exceeds the maximum size of 32 KB.' };
  const text = format === 'rawxml' ? escapeRawExpressions(value) : value;
  const parsed = parseXml(text);
  if (!parsed.ok) return { ok: false, message: `The policy fragment XML is not well formed: ${parsed.message}` };
  const root = parsed.doc.documentElement;
  if (!root || root.nodeName !== 'fragment')
    return { ok: false, message: `Root element must be 'fragment', found '${root?.nodeName ?? ''}'.` };
  if (elementChildren(root).length === 0) return { ok: false, message: 'A policy fragment must contain at least one policy.' };
  const forbidden = descendants(root).find((e) => FORBIDDEN.has(e.nodeName));
  if (forbidden) {
    const why =
      forbidden.nodeName === 'include-fragment' ? 'a policy fragment cannot include another fragment' : 'not allowed in a policy fragment';
    return { ok: false, message: `Element '${forbidden.nodeName}' is ${why}.` };
  }
  for (const match of text.matchAll(/\{\{([^{}]+)\}\}/g)) {
    const name = (match[1] as string).trim();
    if (!namedValueExists(name)) return { ok: false, message: `Cannot find a property '${name}'` };
  }
  return { ok: true, xml: serializeDocument(parsed.doc, false) };
}

/** The fragment ids a policy document includes, in document order. */
export function includedFragmentIds(doc: Document): string[] {
  const root = doc.documentElement;
  if (!root) return [];
  return descendants(root)
    .filter((e) => e.nodeName === 'include-fragment')
    .map((e) => e.getAttribute('fragment-id') ?? '');
}

/** APIM refuses to save a policy whose include-fragment names no existing fragment; null when every one exists. */
export function missingFragmentProblem(state: ApimState, canonicalXml: string): string | null {
  const parsed = parseXml(canonicalXml);
  if (!parsed.ok) return null;
  for (const id of includedFragmentIds(parsed.doc)) {
    if (!id.trim()) return "Element 'include-fragment' requires the attribute 'fragment-id'.";
    if (/^@[({]/.test(id.trim())) return "Policy expressions aren't allowed in 'fragment-id' of 'include-fragment'.";
    if (!findIn(state.policyFragments, id)) return `Policy fragment '${id}' referenced in 'include-fragment' was not found.`;
  }
  return null;
}

/** Scopes (policy keys) whose stored policy includes the fragment, for delete checks and listReferences. */
export function fragmentReferences(state: ApimState, fragmentId: string): string[] {
  const wanted = fragmentId.toLowerCase();
  const keys: string[] = [];
  for (const [key, record] of state.policies) {
    const parsed = parseXml(record.xml);
    if (parsed.ok && includedFragmentIds(parsed.doc).some((id) => id.toLowerCase() === wanted)) keys.push(key);
  }
  return keys;
}
