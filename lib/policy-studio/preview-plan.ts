import 'server-only';
import type { Kysely } from 'kysely';
import { listPolicyFragments } from '@/lib/azure/apim/read-policy-fragments';
import { readServiceSnapshot } from '@/lib/catalog/catalog-settings';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { findAppTokenCheck } from '@/lib/policy/find-app-token-check';
import {
  buildPolicyPlan,
  PolicyPlanError,
  policiesAfter,
  requiredRolesByOperation,
  type CurrentApiPolicies,
  type PolicyPlan,
} from './build-plan';
import {
  assertAdmin,
  loadStudioApi,
  readCurrentPolicies,
  requireApp,
  studioTokenCheck,
  type StudioActor,
  type StudioApi,
} from './read-current';
import type { PreviewInput } from './role-map-schema';
import { apiScope, operationScope, type PolicyPreview, type RoleMap } from './studio-types';

export interface PreparedPlan {
  studio: StudioApi;
  current: CurrentApiPolicies;
  plan: PolicyPlan;
  notes: string[];
  /** What the required roles are read against: the global policy, named values and fragments. */
  context: { global: string | null; namedValues: Record<string, string>; fragments: Record<string, string> };
}

/** Reads the API's current policies and builds the plan for `map`; unknown operations are refused. */
export async function preparePlan(db: Kysely<Database>, apiId: string, map: RoleMap): Promise<PreparedPlan> {
  const studio = await loadStudioApi(db, apiId);
  const app = requireApp(studio);
  const known = new Set(studio.operations.map((op) => op.id));
  const unknown = Object.keys(map).filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new UserFacingError(`${studio.api.displayName} has no operation ${unknown.map((id) => `"${id}"`).join(', ')}.`);
  const defined = new Set(app.appRoles.filter((r) => r.isEnabled).map((r) => r.value));
  const missing = [...new Set(Object.values(map).flat())].filter((role) => !defined.has(role)).sort();
  const notes = missing.map(
    (role) =>
      `${role} is not an enabled app role of ${app.displayName}: nobody can hold it, so operations requiring only it will answer 403 to everyone. Add the role first.`,
  );
  const [current, fragments, snapshot] = await Promise.all([
    readCurrentPolicies(apiId, Object.keys(map)),
    listPolicyFragments(),
    readServiceSnapshot(db),
  ]);
  const context = { global: snapshot?.globalPolicy ?? null, namedValues: snapshot?.namedValues ?? {}, fragments };
  // The API's own token check for this app, if it has one, is reused rather than doubled.
  const reuse = findAppTokenCheck({ ...context, api: current.api?.xml ?? null }, app);
  try {
    return { studio, current, plan: buildPolicyPlan(current, map, studioTokenCheck(app), reuse), notes, context };
  } catch (error) {
    if (error instanceof PolicyPlanError) throw new UserFacingError(error.message);
    throw error;
  }
}

/** The side-by-side diff of every scope that would change, and the ETags it was built from. */
export async function previewRoleMap(db: Kysely<Database>, actor: StudioActor, input: PreviewInput): Promise<PolicyPreview> {
  assertAdmin(actor);
  const { studio, current, plan, notes, context } = await preparePlan(db, input.apiId, input.map);
  const after = requiredRolesByOperation(policiesAfter(current, plan), context);
  const label = (operationId: string | null) => {
    if (!operationId) return `API policy (${studio.api.displayName})`;
    const op = studio.operations.find((o) => o.id === operationId);
    return op ? `${op.method} ${op.urlTemplate} (${op.id})` : operationId;
  };
  const etags: PolicyPreview['etags'] = { [apiScope()]: current.api?.etag ?? null };
  for (const [id, policy] of Object.entries(current.operations)) etags[operationScope(id)] = policy?.etag ?? null;
  return {
    changes: plan.changes.map((change) => ({
      scope: change.scope,
      label: label(change.operationId),
      etag: change.before?.etag ?? null,
      rows: change.rows,
      reason: change.reason,
      ...(change.operationId ? { requiredAfter: after[change.operationId]?.requiredRoles ?? [] } : {}),
    })),
    etags,
    notes,
  };
}
