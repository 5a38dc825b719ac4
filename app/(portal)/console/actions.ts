'use server';

import { requireUser } from '@/lib/auth/session';
import { getUserAccessToken } from '@/lib/auth/user-token';
import { runConsoleCall } from '@/lib/console/console-call';
import { callIdSchema, consoleSendSchema } from '@/lib/console/console-schema';
import { revealConsoleSecrets } from '@/lib/console/reveal-console-secrets';
import { db } from '@/lib/db/portal-database';
import { runAction, UserFacingError } from '@/lib/errors/user-facing-error';
import { enforceRateLimit } from '@/lib/rate-limit/enforce-rate-limit';

export async function sendConsoleRequestAction(input: unknown) {
  const user = await requireUser();
  return runAction(async () => {
    await enforceRateLimit(await db(), 'console', user.oid);
    const parsed = consoleSendSchema.safeParse(input);
    if (!parsed.success) throw new UserFacingError('The request form is not valid; reload the page and try again.');
    return runConsoleCall(await db(), user, parsed.data, { userAssertion: () => getUserAccessToken(user.oid) });
  });
}

export async function revealConsoleSecretsAction(callId: unknown) {
  const user = await requireUser();
  return runAction(async () => {
    const parsed = callIdSchema.safeParse(callId);
    if (!parsed.success) throw new UserFacingError('That call is not known.');
    return revealConsoleSecrets(user.oid, parsed.data);
  });
}
