'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';

export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn('azure-ad', { callbackUrl });
      }}
      className="w-full rounded-md bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
    >
      {pending ? 'Redirecting…' : 'Sign in with Microsoft'}
    </button>
  );
}
