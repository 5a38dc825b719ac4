import 'server-only';
import { SCOPE_LABEL, type EffectiveStep } from './effective-chain';
import { namedValuesIn, resolveNamedValues } from './named-values';
import type { JwtValidation } from './jwt-validation';
import type { PolicyElement } from './policy-types';

const isExpression = (text: string) => /^@[({]/.test(text.trim());

const childElements = (parent: PolicyElement, name: string) =>
  parent.children.filter((c): c is PolicyElement => c.kind === 'element' && c.name === name);
const textOf = (element: PolicyElement) =>
  element.children
    .map((c) => (c.kind === 'text' ? c.text : ''))
    .join('')
    .trim();

/**
 * Reads the values of a token-validation element (validate-jwt, validate-azure-ad-token) as the gateway would see them:
 * named values resolved, the names it referenced collected, and a note for each value computed by an expression, which
 * Roleport cannot evaluate.
 */
export function policyValueReader(step: EffectiveStep, policyName: string, values?: Readonly<Record<string, string>>) {
  const notes: string[] = [];
  const referenced = new Set<string>();
  const read = (raw: string, what: string): string => {
    namedValuesIn(raw).forEach((name) => referenced.add(name));
    if (isExpression(raw))
      notes.push(`A ${policyName} at ${SCOPE_LABEL[step.scope]} scope computes its ${what} with an expression: ${raw}`);
    return resolveNamedValues(raw, values);
  };
  const list = (container: string, item: string, what: string) =>
    childElements(step.element, container).flatMap((c) => childElements(c, item).map((e) => read(textOf(e), what)));
  const requiredClaims = (): JwtValidation['requiredClaims'] =>
    childElements(step.element, 'required-claims').flatMap((container) =>
      childElements(container, 'claim').map((claim) => ({
        name: read(claim.attributes.name ?? '', 'required claim name'),
        match: claim.attributes.match === 'any' ? ('any' as const) : ('all' as const),
        ...(claim.attributes.separator ? { separator: claim.attributes.separator } : {}),
        values: childElements(claim, 'value').map((v) => read(textOf(v), 'required claim value')),
      })),
    );
  return { read, list, requiredClaims, notes, referencedNamedValues: () => [...referenced] };
}
