'use server';

import { z } from '@/lib/validation/zod';
import { cancelOwnSubscription, regenerateOwnKey, revealSubscriptionKeys } from '@/lib/provisioning/subscription-keys';
import { keyChoiceSchema, subscriptionIdSchema } from '@/lib/requests/subscription-ref-schema';
import { defineAction } from '@/lib/server/define-action';

// Keys travel only in these actions' responses, never in a URL, a log line or an audit event.

/** The owner's keys; each reveal is audited. */
export const revealKeysAction = defineAction(
  { auth: 'user', rateLimit: 'console', input: subscriptionIdSchema },
  async (subscriptionId, { user, db }) => revealSubscriptionKeys(db, user, subscriptionId),
);

export const regenerateKeyAction = defineAction(
  { auth: 'user', rateLimit: 'console', input: z.tuple([subscriptionIdSchema, keyChoiceSchema]), revalidate: ['/subscriptions'] },
  async ([subscriptionId, which], { user, db }) => regenerateOwnKey(db, user, subscriptionId, which),
);

export const cancelSubscriptionAction = defineAction(
  { auth: 'user', rateLimit: 'cancel-request', input: subscriptionIdSchema, revalidate: ['/subscriptions', '/requests'] },
  async (subscriptionId, { user, db }) => cancelOwnSubscription(db, user, subscriptionId),
);
