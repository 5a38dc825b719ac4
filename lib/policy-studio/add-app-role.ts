import 'server-only';
import type { Kysely } from 'kysely';
import { addApplicationAppRole } from '@/lib/azure/graph/app-roles';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { refreshIndexAfterWrite } from './apply-role-map';
import { assertAdmin, loadStudioApi, requireApp, type StudioActor } from './read-current';
import type { NewAppRoleInput } from './role-map-schema';

/** Adds a user-assignable app role to the API's app registration through Graph, audits it and refreshes the index. */
export async function addAppRole(db: Kysely<Database>, actor: StudioActor, input: NewAppRoleInput): Promise<{ id: string; value: string }> {
  assertAdmin(actor);
  const app = requireApp(await loadStudioApi(db, input.apiId));
  const role = await addApplicationAppRole(app.objectId, {
    value: input.value,
    displayName: input.displayName,
    description: input.description,
  });
  if (!role) throw new UserFacingError(`${app.displayName} already defines a role with the value ${input.value}.`);
  await withTransaction(db, (trx) =>
    appendAuditEvent(trx, {
      actor: { oid: actor.oid, name: actor.name },
      action: 'app_role.added',
      subject: { type: 'application', id: app.appId },
      after: { id: role.id, value: role.value, displayName: role.displayName, description: role.description, allowedMemberTypes: ['User'] },
      data: { apiId: input.apiId, applicationObjectId: app.objectId },
    }),
  );
  await refreshIndexAfterWrite(db, input.apiId);
  return { id: role.id, value: role.value };
}
