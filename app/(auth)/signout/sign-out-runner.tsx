'use client';

import { signOut } from 'next-auth/react';
import { useEffect } from 'react';

/** Ends the portal session, then the Entra session, then lands on the signed-out page. */
export function SignOutRunner({ entraLogoutUrl }: { entraLogoutUrl: string }) {
  useEffect(() => {
    void signOut({ redirect: false }).then(() => window.location.assign(entraLogoutUrl));
  }, [entraLogoutUrl]);
  return <p className="text-sm text-slate-600 dark:text-slate-400">Signing you out…</p>;
}
