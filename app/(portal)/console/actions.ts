'use server';

import { getUserAccessToken } from '@/lib/auth/user-token';
import { runConsoleCall } from '@/lib/console/console-call';
import { callIdSchema, consoleSendSchema } from '@/lib/console/console-schema';
import { revealConsoleSecrets } from '@/lib/console/reveal-console-secrets';
import { defineAction } from '@/lib/server/define-action';

export const sendConsoleRequestAction = defineAction(
  {
    auth: 'user',
    rateLimit: 'console',
    input: consoleSendSchema,
    invalidInput: 'The request form is not valid; reload the page and try again.',
  },
  async (input, { user, db }) => runConsoleCall(db, user, input, { userAssertion: () => getUserAccessToken(user.oid) }),
);

export const revealConsoleSecretsAction = defineAction(
  { auth: 'user', input: callIdSchema, invalidInput: 'That call is not known.' },
  async (callId, { user }) => revealConsoleSecrets(user.oid, callId),
);
