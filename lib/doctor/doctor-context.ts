import 'server-only';
import type { Kysely } from 'kysely';
import type { HeldRole } from '@/lib/directory/held-roles';
import type { IndexedApi, IndexedApp, IndexedOperation } from '@/lib/catalog/catalog-types';
import { getIndexedApi, getIndexedApp, listIndexedOperations } from '@/lib/catalog/read-index';
import type { Database } from '@/lib/db/types';
import { getConfig } from '@/lib/env';
import type { DoctorContext, DoctorPolicy, RoleHeldOnApi } from '@/lib/tokens/doctor-types';
import { createOpenIdKeySource } from '@/lib/tokens/fetch-signing-keys';

export interface DoctorTarget {
  api: IndexedApi;
  app: IndexedApp | null;
  operation: IndexedOperation | null;
}

/** The API and operation a token is checked against, from the catalog index; null when the API is not indexed. */
export async function loadDoctorTarget(database: Kysely<Database>, apiId: string, operationId?: string): Promise<DoctorTarget | null> {
  const api = await getIndexedApi(database, apiId);
  if (!api) return null;
  const [app, operations] = await Promise.all([
    api.appId ? getIndexedApp(database, api.appId) : Promise.resolve(null),
    operationId ? listIndexedOperations(database, apiId) : Promise.resolve([]),
  ]);
  return { api, app, operation: operations.find((op) => op.id === operationId) ?? null };
}

function policyOf(target: DoctorTarget): DoctorPolicy {
  if (!target.operation) {
    const { audiences, issuers, openIdConfigUrls } = target.api.access;
    return { audiences, issuers, openIdConfigUrls };
  }
  const validations = target.operation.access.validations;
  const union = (pick: (v: (typeof validations)[number]) => string[]) => [...new Set(validations.flatMap(pick))];
  return { audiences: union((v) => v.audiences), issuers: union((v) => v.issuers), openIdConfigUrls: union((v) => v.openIdConfigUrls) };
}

/** The directory's roles on this API's app, in the doctor's terms. */
export function heldRolesForApp(held: HeldRole[], appId: string | null): RoleHeldOnApi[] {
  return held
    .filter((h) => appId !== null && h.appId === appId)
    .map((h) => ({
      value: h.value,
      via: h.via,
      ...(h.groupName ? { groupName: h.groupName } : {}),
      ...(h.assignedAt ? { assignedAt: h.assignedAt } : {}),
    }));
}

/** The tenant's own discovery document: the keys the gateway's validate-jwt trusts for this tenant. */
export function tenantOpenIdConfigUrl(): string {
  const { authorityHost, tenantId } = getConfig();
  return `${authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`;
}

/**
 * What the doctor checks a token against: this tenant, the API's registration and the exact validate-jwt the gateway enforces.
 * `heldRoles` belong only to the signed-in user's own token; pass them only when the token's oid is theirs.
 */
export function buildDoctorContext(target: DoctorTarget | null, heldRoles?: HeldRole[]): DoctorContext {
  const config = getConfig();
  const ctx: DoctorContext = {
    expectedTenantId: config.tenantId,
    keySource: createOpenIdKeySource({ issuerOrConfigUrl: tenantOpenIdConfigUrl() }),
    portalClientId: config.clientId,
  };
  if (!target) return ctx;
  if (target.app) {
    ctx.api = {
      displayName: target.api.displayName,
      appId: target.app.appId,
      identifierUris: target.app.identifierUris,
      tokenVersion: target.app.tokenVersion,
    };
  }
  ctx.policy = policyOf(target);
  if (target.operation) {
    ctx.requiredRoles = target.operation.access.requiredRoles;
    ctx.operationName = target.operation.displayName;
  }
  if (heldRoles) ctx.heldRoles = heldRolesForApp(heldRoles, target.app?.appId ?? null);
  return ctx;
}
