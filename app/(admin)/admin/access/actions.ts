'use server';

import { revalidatePath } from 'next/cache';
import { reconcileAllApis } from '@/lib/provisioning/reconcile-all';
import { requireAdmin } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { runAction } from '@/lib/errors/user-facing-error';

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
