import 'server-only';
import { diffPolicy } from '@/lib/policy/diff-policy';
import { applyRoleportApiBlock, applyRoleportOperationBlock, PolicyEditError, type RoleportTokenCheck } from '@/lib/policy/generate-policy';
import { deriveAccessFromXml } from '@/lib/policy/operation-access';
import { parsePolicy } from '@/lib/policy/parse-policy';
import { canonicalRoles } from '@/lib/policy/render-roleport-block';
import { apiScope, operationScope, type DiffRow, type RoleMap, type StudioScope } from './studio-types';

/** A policy as read from APIM (rawxml) with its ETag; null = the scope has no policy. */
export interface ScopePolicy {
  xml: string;
  etag: string;
}

export interface CurrentApiPolicies {
  api: ScopePolicy | null;
  operations: Record<string, ScopePolicy | null>;
}

export interface ScopeChange {
  scope: StudioScope;
  operationId: string | null;
  before: ScopePolicy | null;
  after: string;
  rows: DiffRow[];
}

export interface PolicyPlan {
  /** Operation scopes first, the API scope last: the order in which they are written. */
  changes: ScopeChange[];
}

/** A generated policy Roleport refuses to write; the message is safe to show to an administrator. */
export class PolicyPlanError extends Error {
  override name = 'PolicyPlanError';
}

function generate(scope: StudioScope, make: () => string): string {
  let xml: string;
  try {
    xml = make();
  } catch (error) {
    if (error instanceof PolicyEditError) throw new PolicyPlanError(`The ${scope} policy cannot be edited: ${error.message}`);
    throw error;
  }
  // Nothing is written that does not read back as a policy document.
  const parsed = parsePolicy(xml);
  if (!parsed.ok) throw new PolicyPlanError(`The generated ${scope} policy does not parse: ${parsed.error}`);
  return xml;
}

/**
 * The documents to write so that every operation in `map` requires exactly its roles through Roleport's block, and the
 * API authenticates tokens through Roleport's API-scope block. Only changed scopes are listed; everything outside the
 * Roleport markers is kept byte for byte. Operations not in the map are left alone.
 */
export function buildPolicyPlan(current: CurrentApiPolicies, map: RoleMap, check: RoleportTokenCheck): PolicyPlan {
  const changes: ScopeChange[] = [];
  for (const operationId of Object.keys(map).sort()) {
    const before = current.operations[operationId] ?? null;
    const roles = canonicalRoles(map[operationId] ?? []);
    const scope = operationScope(operationId);
    if (!before && roles.length === 0) continue;
    const after = generate(scope, () => applyRoleportOperationBlock(before?.xml ?? null, roles, check));
    if (after !== before?.xml) changes.push({ scope, operationId, before, after, rows: diffPolicy(before?.xml ?? '', after) });
  }
  const apiBefore = current.api;
  const apiAfter = generate(apiScope(), () => applyRoleportApiBlock(apiBefore?.xml ?? null, check));
  if (apiAfter !== apiBefore?.xml) {
    changes.push({
      scope: apiScope(),
      operationId: null,
      before: apiBefore,
      after: apiAfter,
      rows: diffPolicy(apiBefore?.xml ?? '', apiAfter),
    });
  }
  return { changes };
}

/** The API and operation documents in force after the plan (unchanged scopes as they are now). */
export function policiesAfter(
  current: CurrentApiPolicies,
  plan: PolicyPlan,
): { api: string | null; operations: Record<string, string | null> } {
  const operations: Record<string, string | null> = Object.fromEntries(
    Object.entries(current.operations).map(([id, p]) => [id, p?.xml ?? null]),
  );
  let api = current.api?.xml ?? null;
  for (const change of plan.changes) {
    if (change.operationId) operations[change.operationId] = change.after;
    else api = change.after;
  }
  return { api, operations };
}

/** Required roles per operation for a set of API and operation documents (plus the global policy, when known). */
export function requiredRolesByOperation(
  docs: { api: string | null; operations: Record<string, string | null> },
  context: { global?: string | null; namedValues?: Record<string, string> } = {},
): Record<string, { validatesToken: boolean; requiredRoles: string[][] }> {
  return Object.fromEntries(
    Object.entries(docs.operations).map(([id, operation]) => {
      const access = deriveAccessFromXml(
        { global: context.global ?? null, api: docs.api, operation },
        { namedValues: context.namedValues },
      );
      return [id, { validatesToken: access.validatesToken, requiredRoles: access.requiredRoles }];
    }),
  );
}
