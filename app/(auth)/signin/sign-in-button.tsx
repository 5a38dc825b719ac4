'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="primary"
      size="lg"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn('azure-ad', { callbackUrl });
      }}
      className="w-full"
    >
      {pending ? 'Redirecting…' : 'Sign in with Microsoft'}
    </Button>
  );
}
