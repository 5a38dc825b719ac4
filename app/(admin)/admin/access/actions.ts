'use server';

import { reconcileAllApis } from '@/lib/provisioning/reconcile-all';
import { defineAction } from '@/lib/server/define-action';

/** An admin compares every API's grants with Entra now, instead of waiting for the schedule. */
export const reconcileNowAction = defineAction(
  { auth: 'admin', revalidate: ['/admin/access', { path: '/requests', type: 'layout' }] },
  async (_, { user, db }) => {
    const { apis, failed, removedInEntra } = await reconcileAllApis(db, user);
    const removed = removedInEntra === 1 ? '1 grant was' : `${removedInEntra} grants were`;
    return `Compared ${apis} APIs with Entra: ${removed} removed outside Roleport${failed ? `; ${failed} could not be read` : ''}.`;
  },
);
