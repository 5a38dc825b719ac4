import 'server-only';
import type { Kysely } from 'kysely';
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

/** What "what the role allows" reads of an indexed operation. */
type OperationRoles = Pick<IndexedOperation, 'id' | 'method' | 'urlTemplate' | 'displayName' | 'access'>;

/** The operations whose required roles mention `roleValue` ("what the role allows"), as the approver and requester see them. */
export function operationsRequiring(operations: readonly OperationRoles[], roleValue: string): RoleOperation[] {
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

/**
 * What each (API, role) of a list of requests allows, reading the operations of every API in one query, and only the
 * columns it shows: the queue's 25 requests read 250 operations a view, whose parameter and body JSON it never uses.
 */
export async function loadRoleOperations(
  db: Kysely<Database>,
  requests: readonly { apiId: string; roleValue: string }[],
): Promise<Map<string, RoleOperation[]>> {
  const apiIds = [...new Set(requests.map((r) => r.apiId))];
  const rows =
    apiIds.length === 0
      ? []
      : await db
          .selectFrom('catalog_operation')
          .select(['api_id', 'id', 'method', 'url_template', 'display_name', 'access'])
          .where('api_id', 'in', apiIds)
          .orderBy('url_template')
          .orderBy('method')
          .execute();
  const operations = new Map<string, OperationRoles[]>();
  for (const row of rows) {
    const access = JSON.parse(row.access) as IndexedOperation['access'];
    const list = operations.get(row.api_id) ?? [];
    list.push({ id: row.id, method: row.method, urlTemplate: row.url_template, displayName: row.display_name, access });
    operations.set(row.api_id, list);
  }
  const result = new Map<string, RoleOperation[]>();
  for (const { apiId, roleValue } of requests)
    result.set(roleOperationsKey(apiId, roleValue), operationsRequiring(operations.get(apiId) ?? [], roleValue));
  return result;
}
