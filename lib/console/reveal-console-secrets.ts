import 'server-only';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { recallConsoleCall } from './console-secrets';
import type { RevealedSecrets } from './console-types';

/** The token and key of one of the user's own recent calls; another user's call id finds nothing. */
export function revealConsoleSecrets(oid: string, callId: string): RevealedSecrets {
  const secrets = recallConsoleCall(oid, callId);
  if (!secrets?.token)
    throw new UserFacingError('That call is no longer kept (calls are kept for 15 minutes). Send the request again.', 'not_found', 404);
  return { token: secrets.token, ...(secrets.subscriptionKey ? { subscriptionKey: secrets.subscriptionKey } : {}) };
}
