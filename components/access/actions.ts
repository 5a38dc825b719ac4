'use server';

import { z } from '@/lib/validation/zod';
import { decideRequest } from '@/lib/approvals/decide-request';
import { requestRefSchema, revocationSchema } from '@/lib/requests/request-ref-schema';
import type { DecisionInput } from '@/lib/requests/request-schema';
import { retryProvisioning } from '@/lib/provisioning/retry-provisioning';
import { revokeGrant } from '@/lib/provisioning/revoke-grant';
import { defineAction, validatedInLib } from '@/lib/server/define-action';

const refreshed = ['/admin/requests', { path: '/requests', type: 'layout' } as const];

/** Approve or reject; decideRequest refuses one's own request, a decided one, and anyone who is not an approver of its API. */
export const decideRequestAction = defineAction(
  {
    auth: { approverFor: ([requestId]) => (typeof requestId === 'string' ? requestId.slice(0, 100) : undefined) },
    rateLimit: 'decide-request',
    input: z.tuple([requestRefSchema.shape.requestId, validatedInLib<DecisionInput>()]),
    invalidInput: 'There is no such request, or it is not yours to see.',
    revalidate: refreshed,
  },
  async ([requestId, decision], { user, db }) => decideRequest(db, user, requestId, decision),
);

/** Admins send a failed request back to provisioning. */
export const retryProvisioningAction = defineAction(
  { auth: 'admin', input: requestRefSchema, revalidate: refreshed },
  async ({ requestId, expectedVersion }, { user, db }) => {
    await retryProvisioning(db, user, requestId, expectedVersion);
    return 'Provisioning will be tried again now.';
  },
);

/** An admin revokes someone's Roleport grant; the answer says that tokens already issued stay valid until they expire. */
export const revokeGrantAction = defineAction(
  { auth: 'admin', input: revocationSchema, revalidate: ['/admin/access', { path: '/requests', type: 'layout' }] },
  async ({ requestId, expectedVersion, reason }, { user, db }) =>
    (await revokeGrant(db, user, requestId, { expectedVersion, reason })).message,
);
