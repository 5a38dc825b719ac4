import 'server-only';
import { getHeldRoles } from '@/lib/directory/held-roles';
import type { PortalUser } from '@/lib/auth/session';
import type { IndexedApi, IndexedOperation } from '@/lib/catalog/catalog-types';
import { apiTitle } from '@/lib/catalog/api-version';
import { getIndexedApi, listIndexedApis, listIndexedOperations } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import { allows } from '@/lib/policy/role-requirements';

export interface ConsoleOperationView {
  operation: IndexedOperation;
  /** The user's roles meet the operation's requirement (from the directory, not from a token). */
  allowed: boolean;
  heldValues: string[];
}

export interface ConsolePageData {
  apis: Pick<IndexedApi, 'id' | 'displayName'>[];
  api: IndexedApi | null;
  operations: Pick<IndexedOperation, 'id' | 'displayName' | 'method' | 'urlTemplate'>[];
  selected: ConsoleOperationView | null;
  rolesError?: string;
}

/** The console's choices: every indexed API, the chosen API's operations, and the chosen operation with the user's standing. */
export async function loadConsolePage(user: PortalUser, apiId?: string, operationId?: string): Promise<ConsolePageData> {
  const database = await db();
  const apis = (await listIndexedApis(database)).map((a) => ({ id: a.id, displayName: apiTitle(a) }));
  const api = apiId ? await getIndexedApi(database, apiId) : null;
  if (!api) return { apis, api: null, operations: [], selected: null };
  const operations = await listIndexedOperations(database, api.id);
  const operation = operations.find((op) => op.id === operationId);
  const list = operations.map(({ id, displayName, method, urlTemplate }) => ({ id, displayName, method, urlTemplate }));
  if (!operation) return { apis, api, operations: list, selected: null };
  let heldValues: string[] = [];
  let rolesError: string | undefined;
  try {
    heldValues = [...new Set((await getHeldRoles(user.oid)).filter((h) => h.appId === api.appId).map((h) => h.value))].sort();
  } catch (error) {
    console.error('[console] reading the user’s roles failed', error);
    rolesError = 'Your roles could not be read from Microsoft Entra just now, so whether you may call this is not shown.';
  }
  return { apis, api, operations: list, selected: { operation, allowed: allows(operation.access, heldValues), heldValues }, rolesError };
}
