'use server';

import type { SubscriptionRequestInput } from '@/lib/requests/subscription-request-schema';
import { submitSubscriptionRequest } from '@/lib/approvals/submit-subscription-request';
import { defineAction, validatedInLib } from '@/lib/server/define-action';

/** Requests a subscription to a product; submitSubscriptionRequest validates with the form's schema and checks the terms. */
export const subscribeAction = defineAction(
  {
    auth: 'user',
    rateLimit: 'submit-request',
    input: validatedInLib<SubscriptionRequestInput>(),
    revalidate: [{ path: '/products', type: 'layout' }, '/subscriptions', '/requests'],
  },
  async (input, { user, db }) => submitSubscriptionRequest(db, user, input),
);
