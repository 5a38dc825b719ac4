import 'server-only';
import { effectiveInbound, SCOPE_LABEL, type PolicyChain } from './effective-chain';
import { parseFragments } from './parse-fragments';
import { parsePolicy } from './parse-policy';
import type { PolicyScope } from './policy-types';
import { deriveOperationAccess, type DeriveOptions, type OperationAccess } from './role-requirements';

/** Raw policy XML per scope, as ARM returns it (either format); null or absent = no policy at that scope. */
export type PolicyXmlChain = Partial<Record<PolicyScope, string | null>>;

/** Parses every scope and derives the operation's access; a policy that cannot be read becomes an unknown. */
export function deriveAccessFromXml(xml: PolicyXmlChain, options: DeriveOptions = {}): OperationAccess {
  const chain: PolicyChain = {};
  const unreadable: string[] = [];
  for (const scope of Object.keys(SCOPE_LABEL) as PolicyScope[]) {
    const text = xml[scope];
    if (!text?.trim()) continue;
    const parsed = parsePolicy(text);
    if (parsed.ok) chain[scope] = parsed.doc;
    else unreadable.push(`The ${SCOPE_LABEL[scope]} policy could not be read (${parsed.error}); its checks are unknown.`);
  }
  const access = deriveOperationAccess(effectiveInbound(chain, parseFragments(options.fragments)), options);
  return { ...access, unknowns: [...unreadable, ...access.unknowns] };
}

/** The roles in Roleport's own block of an operation policy (empty when there is none or it cannot be read). */
export function roleportRolesOf(operationXml: string | null | undefined): string[] {
  if (!operationXml?.trim()) return [];
  const parsed = parsePolicy(operationXml);
  if (!parsed.ok) return [];
  const access = deriveOperationAccess(effectiveInbound({ operation: parsed.doc }));
  const managed = access.validations.filter((v) => v.managedByRoleport);
  const roles = managed.flatMap((v) => v.requiredClaims.filter((c) => c.name === 'roles').flatMap((c) => c.values));
  return [...new Set(roles)].sort();
}

/** Operation id → roles Roleport manages, for every operation policy given. */
export function roleMapFromPolicies(operationPolicies: Readonly<Record<string, string | null | undefined>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(operationPolicies).map(([operationId, xml]) => [operationId, roleportRolesOf(xml)]));
}
