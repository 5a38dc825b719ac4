'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { signOutAction } from './actions';

/**
 * Sign-out only on the user's click (a POST): a link from another site cannot sign anyone out. The portal session ends
 * on the server first, then the browser goes to Entra to end that session, which lands on the signed-out page.
 */
export function SignOutConfirmation({ entraLogoutUrl }: { entraLogoutUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const signOut = () =>
    startTransition(async () => {
      const result = await signOutAction();
      if (result.ok) window.location.assign(entraLogoutUrl);
      else setError(result.error);
    });
  return (
    <>
      <h1 className="text-xl font-semibold">Sign out?</h1>
      <p className="mt-1 mb-6 text-sm supporting-text">This ends your Roleport session and your Microsoft sign-in in this browser.</p>
      {error ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {error}
        </p>
      ) : null}
      <Button variant="primary" size="lg" disabled={pending} onClick={signOut} className="w-full">
        {pending ? 'Signing out…' : 'Sign out'}
      </Button>
      {/* A plain link: the portal's pages load their own layout anyway, and next/link's code stays off this page. */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above */}
      <a href="/" className="mt-3 block text-center text-sm text-slate-600 hover:underline dark:text-slate-400">
        Stay signed in
      </a>
    </>
  );
}
