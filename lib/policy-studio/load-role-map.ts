import 'server-only';
import type { Kysely } from 'kysely';
import { readServiceSnapshot } from '@/lib/catalog/catalog-settings';
import type { IndexedAppRole } from '@/lib/catalog/catalog-types';
import type { Database } from '@/lib/db/types';
import { roleportRolesOf } from '@/lib/policy/operation-access';
import { requiredRolesByOperation } from './build-plan';
import { listPolicyBatches, type PolicyBatchView } from './policy-batches';
import { assertAdmin, loadStudioApi, readCurrentPolicies, type StudioActor } from './read-current';
import type { RoleMap } from './studio-types';
import { db as portalDb } from '@/lib/db/portal-database';

export interface RoleMapOperation {
  id: string;
  displayName: string;
  method: string;
  urlTemplate: string;
  /** What the current effective policy enforces (AND of OR-sets), read from APIM just now. */
  enforced: string[][];
  validatesToken: boolean;
  /** Roles in Roleport's own block; empty when the operation has none. */
  managedRoles: string[];
}

export interface RoleMapView {
  api: { id: string; displayName: string; path: string };
  app: { appId: string; objectId: string; displayName: string; tokenVersion: 1 | 2; roles: IndexedAppRole[] } | null;
  operations: RoleMapOperation[];
  /** The editor's starting point: Roleport's roles, or the one role set a hand-written check enforces. */
  initialMap: RoleMap;
  batches: PolicyBatchView[];
}

export async function loadRoleMap(actor: StudioActor, apiId: string, database?: Kysely<Database>): Promise<RoleMapView> {
  assertAdmin(actor);
  const db = database ?? (await portalDb());
  const studio = await loadStudioApi(db, apiId);
  const ids = studio.operations.map((op) => op.id);
  const [current, snapshot, batches] = await Promise.all([
    readCurrentPolicies(apiId, ids),
    readServiceSnapshot(db),
    listPolicyBatches(db, apiId),
  ]);
  const docs = {
    api: current.api?.xml ?? null,
    operations: Object.fromEntries(ids.map((id) => [id, current.operations[id]?.xml ?? null])),
  };
  const enforced = requiredRolesByOperation(docs, {
    global: snapshot?.globalPolicy ?? null,
    namedValues: snapshot?.namedValues ?? {},
    fragments: snapshot?.fragments ?? {},
  });
  const operations = studio.operations.map((op): RoleMapOperation => {
    const access = enforced[op.id] ?? { validatesToken: false, requiredRoles: [] };
    return {
      id: op.id,
      displayName: op.displayName,
      method: op.method,
      urlTemplate: op.urlTemplate,
      enforced: access.requiredRoles,
      validatesToken: access.validatesToken,
      managedRoles: roleportRolesOf(docs.operations[op.id]),
    };
  });
  const initialMap: RoleMap = Object.fromEntries(
    operations.map((op) => [op.id, op.managedRoles.length > 0 ? op.managedRoles : op.enforced.length === 1 ? (op.enforced[0] ?? []) : []]),
  );
  const { app } = studio;
  return {
    api: { id: studio.api.id, displayName: studio.api.displayName, path: studio.api.path },
    app: app
      ? { appId: app.appId, objectId: app.objectId, displayName: app.displayName, tokenVersion: app.tokenVersion, roles: app.appRoles }
      : null,
    operations,
    initialMap,
    batches,
  };
}
