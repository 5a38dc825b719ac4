import 'server-only';
import type { Kysely } from 'kysely';
import { listIndexedOperations } from '@/lib/catalog/read-index';
import type { IndexedOperation } from '@/lib/catalog/catalog-types';
import type { Database } from '@/lib/db/types';

/** An operation a role opens, with the other role sets the caller still needs for it. */
export interface RoleOperation {
  id: string;
  method: string;
  urlTemplate: string;
  displayName: string;
  alsoNeeds: string[][];
}

/** The operations whose required roles mention `roleValue` ("what the role allows"), as the approver and requester see them. */
export function operationsRequiring(operations: readonly IndexedOperation[], roleValue: string): RoleOperation[] {
  return operations
    .filter((op) => op.access.requiredRoles.some((set) => set.includes(roleValue)))
    .map((op) => ({
      id: op.id,
      method: op.method,
      urlTemplate: op.urlTemplate,
      displayName: op.displayName,
      alsoNeeds: op.access.requiredRoles.filter((set) => !set.includes(roleValue)),
    }));
}

export const roleOperationsKey = (apiId: string, roleValue: string) => `${apiId}\u0000${roleValue}`;

/** What each (API, role) of a list of requests allows, reading every API's operations once. */
export async function loadRoleOperations(
  db: Kysely<Database>,
  requests: readonly { apiId: string; roleValue: string }[],
): Promise<Map<string, RoleOperation[]>> {
  const apiIds = [...new Set(requests.map((r) => r.apiId))];
  const operations = new Map(await Promise.all(apiIds.map(async (id) => [id, await listIndexedOperations(db, id)] as const)));
  const result = new Map<string, RoleOperation[]>();
  for (const { apiId, roleValue } of requests)
    result.set(roleOperationsKey(apiId, roleValue), operationsRequiring(operations.get(apiId) ?? [], roleValue));
  return result;
}
