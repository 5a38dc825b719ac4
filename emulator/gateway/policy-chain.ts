import type { Document, Element } from '@xmldom/xmldom';
import { elementChildren, parseXml } from '../apim/policy-xml';
import { findIn, policyScope } from '../apim/state';
import type { ApimState } from '../apim/types';
import { UnsupportedPolicyError } from './gateway-context';
import { fragmentStatements } from './include-fragment';

export type Section = 'inbound' | 'backend' | 'outbound' | 'on-error';

/** One policy statement and the scope it came from. */
export interface Step {
  element: Element;
  scope: string;
}

const parsed = new Map<string, Document>();

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Named values are substituted in the policy text before it is parsed, as the gateway does. */
function substitute(state: ApimState, xml: string, scope: string): string {
  return xml.replace(/\{\{([^{}]+)\}\}/g, (_all, rawName: string) => {
    const name = rawName.trim().toLowerCase();
    const value = [...state.namedValues.values()].find((v) => v.displayName.toLowerCase() === name || v.id.toLowerCase() === name);
    if (!value) throw new UnsupportedPolicyError(`The ${scope} policy refers to the named value '{{${rawName}}}', which does not exist.`);
    return escapeXml(value.value);
  });
}

function loadDocument(state: ApimState, key: string, scope: string): Document | undefined {
  const stored = state.policies.get(key);
  if (!stored) return undefined;
  const text = substitute(state, stored.xml, scope);
  let doc = parsed.get(text);
  if (!doc) {
    const result = parseXml(text);
    if (!result.ok)
      throw new UnsupportedPolicyError(`The ${scope} policy is not well formed after named values were substituted: ${result.message}`);
    doc = result.doc;
    if (parsed.size > 2000) parsed.clear();
    parsed.set(text, doc);
  }
  return doc;
}

export interface ScopeDocuments {
  names: string[];
  docs: (Document | undefined)[];
  /** Resolves `<include-fragment>` to the fragment's statements (absent: the element stays and is reported). */
  fragment?: (include: Element, scope: string) => Element[];
}

/** The policy documents that apply, outermost first: global, product (when one applies), API, operation. */
export function scopeDocuments(state: ApimState, apiId: string, operationId: string, productId: string | undefined): ScopeDocuments {
  const scopes: [string, string][] = [['global', policyScope.global()]];
  if (productId && findIn(state.products, productId)) scopes.push([`product '${productId}'`, policyScope.product(productId)]);
  scopes.push([`API '${apiId}'`, policyScope.api(apiId)], [`operation '${operationId}'`, policyScope.operation(apiId, operationId)]);
  return {
    names: scopes.map(([name]) => name),
    docs: scopes.map(([name, key]) => loadDocument(state, key, name)),
    fragment: (include, scope) => fragmentStatements(state, include, scope),
  };
}

/**
 * Flattens one section across scopes: each scope's statements, with `<base />` replaced by the enclosing
 * scope's statements at that spot. A scope with no policy inherits everything; a section without
 * `<base />` cuts the enclosing scopes off.
 */
export function effectiveSection(scopes: ScopeDocuments, section: Section): Step[] {
  const expand = (index: number): Step[] => {
    if (index < 0) return [];
    const doc = scopes.docs[index];
    const name = scopes.names[index] as string;
    const sectionElement = doc?.documentElement ? elementChildren(doc.documentElement).find((e) => e.nodeName === section) : undefined;
    if (!sectionElement) return expand(index - 1);
    const steps: Step[] = [];
    for (const element of elementChildren(sectionElement)) {
      if (element.nodeName === 'base') steps.push(...expand(index - 1));
      else if (element.nodeName === 'include-fragment' && scopes.fragment)
        steps.push(...scopes.fragment(element, name).map((e) => ({ element: e, scope: name })));
      else steps.push({ element, scope: name });
    }
    return steps;
  };
  return expand(scopes.docs.length - 1);
}
