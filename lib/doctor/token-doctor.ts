import 'server-only';
import type { PortalUser } from '@/lib/auth/session';
import { listIndexedApis, listIndexedOperations } from '@/lib/catalog/read-index';
import { recallConsoleCall } from '@/lib/console/console-secrets';
import { db } from '@/lib/db/portal-database';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { diagnoseForUser, type UserDiagnosis } from './diagnose-for-user';
import type { TokenDoctorInput } from './token-doctor-schema';

export interface DoctorChoice {
  id: string;
  displayName: string;
  operations: { id: string; label: string }[];
}

/** The APIs and operations a token can be checked against, from the index. */
export async function loadDoctorChoices(): Promise<DoctorChoice[]> {
  const database = await db();
  const apis = await listIndexedApis(database);
  return Promise.all(
    apis.map(async (api) => ({
      id: api.id,
      displayName: api.displayName,
      operations: (await listIndexedOperations(database, api.id)).map((op) => ({
        id: op.id,
        label: `${op.method} ${op.urlTemplate} — ${op.displayName}`,
      })),
    })),
  );
}

/** A pasted token, checked against the chosen API and operation (both optional). */
export async function diagnosePastedToken(user: PortalUser, input: TokenDoctorInput): Promise<UserDiagnosis> {
  return diagnoseForUser(await db(), user.oid, input.token, {
    apiId: input.apiId || undefined,
    operationId: input.operationId || undefined,
  });
}

/** The token of one of the user's recent console calls, checked against the operation it was sent to; it never leaves the server. */
export async function diagnoseConsoleCall(user: PortalUser, callId: string): Promise<UserDiagnosis> {
  const call = recallConsoleCall(user.oid, callId);
  if (!call?.token)
    throw new UserFacingError(
      'That console call is no longer kept (calls are kept for 15 minutes). Send it again from the console.',
      'not_found',
      404,
    );
  return diagnoseForUser(await db(), user.oid, call.token, { apiId: call.apiId, operationId: call.operationId });
}
