'use server';

import { endCurrentSession } from '@/lib/auth/end-session';
import { runAction } from '@/lib/errors/user-facing-error';

/** Ends the Roleport session on the server; the page then sends the browser to Entra to end that session too. */
export async function signOutAction() {
  return runAction(async () => {
    await endCurrentSession();
    return 'Signed out of Roleport.';
  });
}
