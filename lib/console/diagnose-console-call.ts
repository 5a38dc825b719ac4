import 'server-only';
import type { PortalUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { diagnoseForUser, type UserDiagnosis } from '@/lib/doctor/diagnose-for-user';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { recallConsoleCall } from './console-secrets';

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
