'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/**
 * Starts next-auth's Entra sign-in as its client's signIn('azure-ad') does, without that library in the page: the
 * CSRF token from /api/auth/csrf, a POST to the provider's sign-in endpoint, then the browser goes where it answers.
 */
async function startSignIn(callbackUrl: string): Promise<void> {
  const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await fetch('/api/auth/signin/azure-ad', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: 'true' }),
  });
  const { url } = (await response.json()) as { url?: string };
  window.location.href = url ?? callbackUrl;
}

export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <>
      {failed ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          Sign-in did not start. Try again.
        </p>
      ) : null}
      <Button
        variant="primary"
        size="lg"
        disabled={pending}
        onClick={() => {
          setPending(true);
          setFailed(false);
          startSignIn(callbackUrl).catch(() => {
            setPending(false);
            setFailed(true);
          });
        }}
        className="w-full"
      >
        {pending ? 'Redirecting…' : 'Sign in with Microsoft'}
      </Button>
    </>
  );
}
