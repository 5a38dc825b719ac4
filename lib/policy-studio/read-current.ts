import 'server-only';
import type { Kysely } from 'kysely';
import { readApiPolicyVersion, readOperationPolicyVersion } from '@/lib/azure/apim/read-policy-versions';
import { AzureCallGate } from '@/lib/azure/throttle-retry';
import type { IndexedApi, IndexedApp, IndexedOperation } from '@/lib/catalog/catalog-types';
import { getIndexedApi, getIndexedApp, listIndexedOperations } from '@/lib/catalog/read-index';
import type { Database } from '@/lib/db/types';
import { getConfig } from '@/lib/env';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import type { RoleportTokenCheck } from '@/lib/policy/generate-policy';
import type { CurrentApiPolicies } from './build-plan';
import { tokenCheckFor } from './token-check';

const ARM_CONCURRENCY = 6;

/** Who acts in the studio; every entry point checks the admin flag itself as well. */
export interface StudioActor {
  oid: string;
  name: string;
  isAdmin: boolean;
}

export function assertAdmin(actor: StudioActor): void {
  if (!actor.isAdmin) throw new UserFacingError('Only portal admins can change API policies.', 'forbidden', 403);
}

export interface StudioApi {
  api: IndexedApi;
  app: IndexedApp | null;
  operations: IndexedOperation[];
}

/** The indexed API, its app registration and operations; a missing API is a user-facing error. */
export async function loadStudioApi(db: Kysely<Database>, apiId: string): Promise<StudioApi> {
  const api = await getIndexedApi(db, apiId);
  if (!api) throw new UserFacingError(`There is no API "${apiId}" in the catalog.`, 'not_found', 404);
  const [app, operations] = await Promise.all([api.appId ? getIndexedApp(db, api.appId) : null, listIndexedOperations(db, apiId)]);
  return { api, app, operations };
}

export function requireApp(studio: StudioApi): IndexedApp {
  if (!studio.app) {
    throw new UserFacingError(`${studio.api.displayName} has no mapped app registration; map one before generating its policy.`);
  }
  return studio.app;
}

export function studioTokenCheck(app: IndexedApp): RoleportTokenCheck {
  const { tenantId, authorityHost, cloud } = getConfig();
  return tokenCheckFor(app, { tenantId, authorityHost, v1IssuerHost: cloud.v1IssuerHost });
}

/** The API policy and the given operations' policies as APIM has them now, each with its ETag. */
export async function readCurrentPolicies(apiId: string, operationIds: readonly string[]): Promise<CurrentApiPolicies> {
  const gate = new AzureCallGate(ARM_CONCURRENCY);
  const [api, operations] = await Promise.all([
    gate.run(() => readApiPolicyVersion(apiId)),
    Promise.all(operationIds.map(async (id) => [id, await gate.run(() => readOperationPolicyVersion(apiId, id))] as const)),
  ]);
  return { api, operations: Object.fromEntries(operations) };
}
