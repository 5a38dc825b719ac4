import 'server-only';
import type { FragmentStatements } from './effective-chain';
import { parsePolicy } from './parse-policy';
import type { PolicyElement } from './policy-types';
import { scanPolicyXml } from './scan-policy-xml';

// A policy fragment is a `<fragment>` document whose children are policy statements (ARM examples
// ApiManagementGetPolicyFragment.json / ApiManagementGetPolicyFragmentFormat.json). Its body is read with the policy
// parser by placing it in an inbound section, so expressions in either format are read exactly as in policies.

function fragmentBody(xml: string): string | null {
  const scanned = scanPolicyXml(xml);
  if (!scanned.ok) return null;
  const open = scanned.tokens.find((t) => t.kind === 'start');
  const close = scanned.tokens.findLast((t) => t.kind === 'end');
  if (!open || open.kind !== 'start' || open.name !== 'fragment') return null;
  if (open.selfClosing) return '';
  if (!close || close.kind !== 'end' || close.name !== 'fragment') return null;
  return xml.slice(open.end, close.start);
}

/** The statements of one fragment, or null when it is not a readable `<fragment>` document. */
export function parseFragment(xml: string): PolicyElement[] | null {
  const body = fragmentBody(xml);
  if (body === null) return null;
  const parsed = parsePolicy(`<policies><inbound>${body}</inbound></policies>`);
  if (!parsed.ok) return null;
  return (parsed.doc.sections.inbound ?? []).filter((n): n is PolicyElement => n.kind === 'element');
}

/** Fragments by id (as ARM lists them) → statements by lower-cased id, for the effective chain. */
export function parseFragments(xmlById: Readonly<Record<string, string>> | undefined): FragmentStatements | undefined {
  if (!xmlById) return undefined;
  return new Map(Object.entries(xmlById).map(([id, xml]) => [id.toLowerCase(), parseFragment(xml)]));
}
