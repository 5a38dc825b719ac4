import 'server-only';
import { diffPolicy } from '@/lib/policy/diff-policy';
import { describeTokenCheck, type AppTokenCheck } from '@/lib/policy/find-app-token-check';
import {
  applyRoleportApiBlock,
  applyRoleportBlockLines,
  applyRoleportOperationBlock,
  PolicyEditError,
  removeRoleportBlock,
  type RoleportTokenCheck,
} from '@/lib/policy/generate-policy';
import { deriveAccessFromXml, roleportRolesOf } from '@/lib/policy/operation-access';
import { parsePolicy } from '@/lib/policy/parse-policy';
import { canonicalRoles } from '@/lib/policy/render-roleport-block';
import { reusedOperationBlockLines } from '@/lib/policy/render-reused-role-block';
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
  /** Why this scope changes, for the administrator. */
  reason: string;
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

function operationReason(roles: string[], before: string[], reuse: AppTokenCheck | null): string {
  if (roles.length === 0) return `The map gives this operation no roles, so Roleport's role check (${before.join(', ')}) is removed.`;
  const was = before.length > 0 ? `instead of ${before.join(' or ')}` : 'where it had no Roleport role check';
  const form = reuse
    ? `It is written as ${reuse.form}, repeating the settings of the API's own ${describeTokenCheck(reuse)} with their named values.`
    : "It repeats Roleport's API-scope token check.";
  return `The map requires ${roles.join(' or ')} ${was}. ${form}`;
}

function apiReason(before: string | null, reuse: AppTokenCheck | null): string {
  if (reuse) {
    return `The API already validates tokens for the mapped app with its own ${describeTokenCheck(reuse)}, so Roleport's own token check is removed rather than kept as a second one.`;
  }
  if (before && removeRoleportBlock(before) !== before) {
    return "Roleport's token check is brought in line with the app registration (its App ID URIs, client id and the issuer of the token version it accepts).";
  }
  return 'No validate-jwt or validate-azure-ad-token in force for this API accepts tokens for the mapped app, so Roleport adds its own token check at API scope.';
}

/**
 * The documents to write so that every operation in `map` requires exactly its roles through Roleport's block. Where
 * the API already validates tokens for the mapped app (`reuse`), the role checks are written in that check's form and
 * settings and Roleport adds no token check of its own (and drops one it added before); otherwise the API authenticates
 * tokens through Roleport's API-scope block. Only changed scopes are listed; everything outside the Roleport markers
 * is kept byte for byte. Operations not in the map are left alone.
 */
export function buildPolicyPlan(
  current: CurrentApiPolicies,
  map: RoleMap,
  check: RoleportTokenCheck,
  reuse: AppTokenCheck | null = null,
): PolicyPlan {
  const changes: ScopeChange[] = [];
  for (const operationId of Object.keys(map).sort()) {
    const before = current.operations[operationId] ?? null;
    const roles = canonicalRoles(map[operationId] ?? []);
    const scope = operationScope(operationId);
    if (!before && roles.length === 0) continue;
    const after = generate(scope, () =>
      reuse
        ? applyRoleportBlockLines(before?.xml ?? null, roles.length > 0 ? reusedOperationBlockLines(roles, reuse) : null)
        : applyRoleportOperationBlock(before?.xml ?? null, roles, check),
    );
    if (after !== before?.xml) {
      const reason = operationReason(roles, roleportRolesOf(before?.xml), reuse);
      changes.push({ scope, operationId, before, after, rows: diffPolicy(before?.xml ?? '', after), reason });
    }
  }
  const apiBefore = current.api;
  // Reusing the API's own check: Roleport's API-scope block has no place; without one there is nothing to write.
  if (reuse && !apiBefore) return { changes };
  const apiAfter = generate(apiScope(), () =>
    reuse && apiBefore ? removeRoleportBlock(apiBefore.xml) : applyRoleportApiBlock(apiBefore?.xml ?? null, check),
  );
  if (apiAfter !== apiBefore?.xml) {
    changes.push({
      scope: apiScope(),
      operationId: null,
      before: apiBefore,
      after: apiAfter,
      rows: diffPolicy(apiBefore?.xml ?? '', apiAfter),
      reason: apiReason(apiBefore?.xml ?? null, reuse),
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
  context: { global?: string | null; namedValues?: Record<string, string>; fragments?: Record<string, string> } = {},
): Record<string, { validatesToken: boolean; requiredRoles: string[][] }> {
  return Object.fromEntries(
    Object.entries(docs.operations).map(([id, operation]) => {
      const access = deriveAccessFromXml(
        { global: context.global ?? null, api: docs.api, operation },
        { namedValues: context.namedValues, fragments: context.fragments },
      );
      return [id, { validatesToken: access.validatesToken, requiredRoles: access.requiredRoles }];
    }),
  );
}
