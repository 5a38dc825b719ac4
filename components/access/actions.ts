'use server';

import { revalidatePath } from 'next/cache';
import { decideRequest } from '@/lib/approvals/decide-request';
import { requestRefSchema, revocationSchema, type RequestRef, type RevocationInput } from '@/lib/requests/request-ref-schema';
import type { DecisionInput } from '@/lib/requests/request-schema';
import { requireApprover } from '@/lib/approvals/require-approver';
import { retryProvisioning } from '@/lib/provisioning/retry-provisioning';
import { revokeGrant } from '@/lib/provisioning/revoke-grant';
import { requireAdmin } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { enforceRateLimit } from '@/lib/rate-limit/enforce-rate-limit';
import { runAction, UserFacingError } from '@/lib/errors/user-facing-error';

function requestIdOf(value: unknown): string {
  const parsed = requestRefSchema.shape.requestId.safeParse(value);
  if (!parsed.success) throw new UserFacingError('There is no such request, or it is not yours to see.');
  return parsed.data;
}

function refresh() {
  revalidatePath('/admin/requests');
  revalidatePath('/requests', 'layout');
}

/** Approve or reject; decideRequest refuses one's own request, a decided one, and anyone who is not an approver of its API. */
export async function decideRequestAction(requestId: string, decision: DecisionInput) {
  const user = await requireApprover({ forRequest: typeof requestId === 'string' ? requestId.slice(0, 100) : undefined });
  const result = await runAction(async () => {
    await enforceRateLimit(await db(), 'decide-request', user.oid);
    return decideRequest(await db(), user, requestIdOf(requestId), decision);
  });
  if (result.ok) refresh();
  return result;
}

/** Admins send a failed request back to provisioning. */
export async function retryProvisioningAction(input: RequestRef) {
  const user = await requireAdmin();
  const result = await runAction(async () => {
    const parsed = requestRefSchema.safeParse(input);
    if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? 'The request reference is not valid.');
    await retryProvisioning(await db(), user, parsed.data.requestId, parsed.data.expectedVersion);
    return 'Provisioning will be tried again now.';
  });
  if (result.ok) refresh();
  return result;
}

/** An admin revokes someone's Roleport grant; the answer says that tokens already issued stay valid until they expire. */
export async function revokeGrantAction(input: RevocationInput) {
  const user = await requireAdmin();
  const result = await runAction(async () => {
    const parsed = revocationSchema.safeParse(input);
    if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? 'The revocation is not valid.');
    const { requestId, expectedVersion, reason } = parsed.data;
    return (await revokeGrant(await db(), user, requestId, { expectedVersion, reason })).message;
  });
  if (result.ok) {
    revalidatePath('/admin/access');
    revalidatePath('/requests', 'layout');
  }
  return result;
}
