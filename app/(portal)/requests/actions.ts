'use server';

import { revalidatePath } from 'next/cache';
import { cancelRequest } from '@/lib/requests/cancel-request';
import { requestRefSchema, type RequestRef } from '@/lib/requests/request-ref-schema';
import type { RequestInput } from '@/lib/requests/request-schema';
import { revokeGrant } from '@/lib/provisioning/revoke-grant';
import { submitRequest } from '@/lib/approvals/submit-request';
import { requireUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { enforceRateLimit } from '@/lib/rate-limit/enforce-rate-limit';
import { runAction, UserFacingError } from '@/lib/errors/user-facing-error';

function parseRef(input: RequestRef) {
  const parsed = requestRefSchema.safeParse(input);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? 'The request reference is not valid.');
  return parsed.data;
}

/** Records a request; submitRequest validates with the form's schema and answers a replayed submission with the first one. */
export async function submitRequestAction(input: RequestInput) {
  const user = await requireUser();
  const result = await runAction(async () => {
    await enforceRateLimit(await db(), 'submit-request', user.oid);
    return submitRequest(await db(), user, input);
  });
  if (result.ok) revalidatePath('/requests');
  return result;
}

export async function cancelRequestAction(input: RequestRef) {
  const user = await requireUser();
  const result = await runAction(async () => {
    await enforceRateLimit(await db(), 'cancel-request', user.oid);
    const { requestId, expectedVersion } = parseRef(input);
    await cancelRequest(await db(), user, requestId, expectedVersion);
    return 'The request is cancelled.';
  });
  if (result.ok) revalidatePath('/requests');
  return result;
}

/** The requester gives up an active grant of their own. */
export async function giveUpGrantAction(input: RequestRef) {
  const user = await requireUser();
  const result = await runAction(async () => {
    const { requestId, expectedVersion } = parseRef(input);
    return (await revokeGrant(await db(), user, requestId, { expectedVersion })).message;
  });
  if (result.ok) revalidatePath('/requests');
  return result;
}
