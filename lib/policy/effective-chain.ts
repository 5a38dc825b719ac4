import 'server-only';
import {
  ROLEPORT_BEGIN,
  ROLEPORT_END,
  type PolicyDocument,
  type PolicyElement,
  type PolicyScope,
  type PolicySectionName,
} from './policy-types';

/** One statement of an effective section, with the scope whose document holds it. */
export interface EffectiveStep {
  scope: PolicyScope;
  element: PolicyElement;
  /** Inside Roleport's `<!-- roleport:begin -->` … `<!-- roleport:end -->` markers. */
  managedByRoleport: boolean;
  /** Set when the statement came from a policy fragment included at this scope. */
  fragmentId?: string;
}

/**
 * Policy fragments by lower-cased id: their statements, or null for a fragment that could not be read. A fragment id
 * not in the map does not exist. Without a map, `<include-fragment>` stays a step of its own.
 */
export type FragmentStatements = ReadonlyMap<string, PolicyElement[] | null>;

export interface EffectiveSection {
  steps: EffectiveStep[];
  /** Assumptions made while composing the chain; they may matter for access and are surfaced as unknowns. */
  notes: string[];
}

/**
 * The policies that apply to one call. `product` is the policy of the product the call's subscription belongs to;
 * leave it out for a call made without a subscription (APIM then applies no product policy). A missing scope has no
 * policy, so the next narrower scope's `<base />` reaches the next broader one that has.
 */
export interface PolicyChain {
  global?: PolicyDocument | null;
  product?: PolicyDocument | null;
  api?: PolicyDocument | null;
  operation?: PolicyDocument | null;
}

const ORDER: readonly PolicyScope[] = ['global', 'product', 'api', 'operation'];
export const SCOPE_LABEL: Record<PolicyScope, string> = { global: 'global', product: 'product', api: 'API', operation: 'operation' };

function ownSteps(
  doc: PolicyDocument,
  section: PolicySectionName,
  scope: PolicyScope,
  inherited: EffectiveStep[],
  fragments: FragmentStatements | undefined,
  notes: string[],
): EffectiveStep[] {
  const steps: EffectiveStep[] = [];
  let managed = false;
  for (const node of doc.sections[section] ?? []) {
    if (node.kind === 'comment') {
      const marker = node.text.trim();
      if (marker === ROLEPORT_BEGIN) managed = true;
      if (marker === ROLEPORT_END) managed = false;
    } else if (node.kind === 'element') {
      // `<base />` is where the parent's effective section runs; without it the parent's statements never run.
      if (node.name === 'base') steps.push(...inherited);
      else if (node.name === 'include-fragment' && fragments) {
        // APIM inserts the fragment as-is where it is included (include-fragment policy reference).
        const id = node.attributes['fragment-id'] ?? '';
        const statements = fragments.get(id.toLowerCase());
        if (statements) steps.push(...statements.map((element) => ({ scope, element, managedByRoleport: managed, fragmentId: id })));
        else {
          notes.push(
            statements === null
              ? `The ${SCOPE_LABEL[scope]} policy includes the policy fragment "${id}", which could not be read; its checks are unknown.`
              : `The ${SCOPE_LABEL[scope]} policy includes the policy fragment "${id}", which does not exist.`,
          );
          steps.push({ scope, element: node, managedByRoleport: managed });
        }
      } else steps.push({ scope, element: node, managedByRoleport: managed });
    }
  }
  return steps;
}

/** The effective statements of one section, with `<base />` replaced by the parent scope's effective section. */
export function effectiveSection(section: PolicySectionName, chain: PolicyChain, fragments?: FragmentStatements): EffectiveSection {
  let steps: EffectiveStep[] = [];
  const notes: string[] = [];
  let seenParent = false;
  for (const scope of ORDER) {
    const doc = chain[scope];
    if (!doc) continue;
    if (doc.sections[section] === null) {
      // APIM's documents normally carry every section; when one is absent the parent's statements are kept.
      if (seenParent) notes.push(`The ${SCOPE_LABEL[scope]} policy has no <${section}> section; assumed to inherit the broader scopes.`);
    } else {
      steps = ownSteps(doc, section, scope, steps, fragments, notes);
    }
    seenParent = true;
  }
  return { steps, notes };
}

export function effectiveInbound(chain: PolicyChain, fragments?: FragmentStatements): EffectiveSection {
  return effectiveSection('inbound', chain, fragments);
}
