'use server';

import { cancelRequest } from '@/lib/requests/cancel-request';
import { requestRefSchema } from '@/lib/requests/request-ref-schema';
import type { RequestInput } from '@/lib/requests/request-schema';
import { revokeGrant } from '@/lib/provisioning/revoke-grant';
import { submitRequest } from '@/lib/approvals/submit-request';
import { defineAction, validatedInLib } from '@/lib/server/define-action';

/** Records a request; submitRequest validates with the form's schema and answers a replayed submission with the first one. */
export const submitRequestAction = defineAction(
  { auth: 'user', rateLimit: 'submit-request', input: validatedInLib<RequestInput>(), revalidate: ['/requests'] },
  async (input, { user, db }) => submitRequest(db, user, input),
);

export const cancelRequestAction = defineAction(
  { auth: 'user', rateLimit: 'cancel-request', input: requestRefSchema, revalidate: ['/requests'] },
  async ({ requestId, expectedVersion }, { user, db }) => {
    await cancelRequest(db, user, requestId, expectedVersion);
    return 'The request is cancelled.';
  },
);

/** The requester gives up an active grant of their own. */
export const giveUpGrantAction = defineAction(
  { auth: 'user', input: requestRefSchema, revalidate: ['/requests'] },
  async ({ requestId, expectedVersion }, { user, db }) => (await revokeGrant(db, user, requestId, { expectedVersion })).message,
);
