import type { Element } from '@xmldom/xmldom';
import { elementChildren, parseXml } from '../apim/policy-xml';
import { findIn } from '../apim/state';
import type { ApimState } from '../apim/types';
import { UnsupportedPolicyError } from './gateway-context';

// include-fragment (learn.microsoft.com/azure/api-management/include-fragment-policy): "inserts the policy fragment
// as-is at the location you select in the policy definition"; `fragment-id` names a fragment of the instance and takes
// no expression. APIM refuses to save a policy naming a missing fragment, so a call that still meets one (deleted behind
// the service's back) fails with 500 here, never runs without the fragment's checks.

const parsed = new Map<string, Element[]>();

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The statements of the fragment an `<include-fragment>` names, with named values substituted as in policies. */
export function fragmentStatements(state: ApimState, include: Element, scope: string): Element[] {
  const id = include.getAttribute('fragment-id') ?? '';
  const fragment = id.trim() ? findIn(state.policyFragments, id) : undefined;
  if (!fragment) throw new UnsupportedPolicyError(`The ${scope} policy includes the policy fragment '${id}', which does not exist.`);
  const text = fragment.xml.replace(/\{\{([^{}]+)\}\}/g, (_all, rawName: string) => {
    const name = rawName.trim().toLowerCase();
    const value = [...state.namedValues.values()].find((v) => v.displayName.toLowerCase() === name || v.id.toLowerCase() === name);
    if (!value)
      throw new UnsupportedPolicyError(`The policy fragment '${id}' refers to the named value '{{${rawName}}}', which does not exist.`);
    return escapeXml(value.value);
  });
  let statements = parsed.get(text);
  if (!statements) {
    const result = parseXml(text);
    const root = result.ok ? result.doc.documentElement : undefined;
    if (!root) throw new UnsupportedPolicyError(`The policy fragment '${id}' is not well formed after named values were substituted.`);
    statements = elementChildren(root);
    if (parsed.size > 500) parsed.clear();
    parsed.set(text, statements);
  }
  return statements;
}
