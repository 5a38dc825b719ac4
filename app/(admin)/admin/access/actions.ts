'use server';

import { revalidatePath } from 'next/cache';
import { reconcileAllApis } from '@/lib/access/reconcile-all';
import { revocationSchema, type RevocationInput } from '@/lib/access/request-ref-schema';
import { revokeGrant } from '@/lib/access/revoke-grant';
import { requireAdmin } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { runAction, UserFacingError } from '@/lib/errors/user-facing-error';

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

/** An admin compares every API's grants with Entra now, instead of waiting for the schedule. */
export async function reconcileNowAction() {
  const user = await requireAdmin();
  const result = await runAction(async () => {
    const { apis, failed, removedInEntra } = await reconcileAllApis(await db(), user);
    const removed = removedInEntra === 1 ? '1 grant was' : `${removedInEntra} grants were`;
    return `Compared ${apis} APIs with Entra: ${removed} removed outside Roleport${failed ? `; ${failed} could not be read` : ''}.`;
  });
  if (result.ok) {
    revalidatePath('/admin/access');
    revalidatePath('/requests', 'layout');
  }
  return result;
}
