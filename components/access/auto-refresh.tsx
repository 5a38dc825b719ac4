'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-renders the server page every `everyMs` for at most `forMs`, so a status the workers are moving shows without a reload. */
export function AutoRefresh({ everyMs, forMs, token }: { everyMs: number; forMs: number; token: string }) {
  const router = useRouter();
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > forMs) clearInterval(timer);
      else router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
    // `token` restarts the window when the state it watches changes.
  }, [router, everyMs, forMs, token]);
  return null;
}
