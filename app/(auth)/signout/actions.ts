'use server';

import { endCurrentSession } from '@/lib/auth/end-session';
import { defineAction } from '@/lib/server/define-action';

/** Ends the Roleport session on the server; the page then sends the browser to Entra to end that session too. */
export const signOutAction = defineAction({ auth: 'none' }, async () => {
  await endCurrentSession();
  return 'Signed out of Roleport.';
});
