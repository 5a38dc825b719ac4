'use client';

import { SessionProvider } from 'next-auth/react';

/** Polls the session every few minutes so the server renews the access token before it expires. */
export function SessionKeeper({ children }: { children: React.ReactNode }) {
  return (
    <SessionProvider refetchInterval={5 * 60} refetchOnWindowFocus>
      {children}
    </SessionProvider>
  );
}
