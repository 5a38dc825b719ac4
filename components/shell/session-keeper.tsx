'use client';

import { useEffect } from 'react';

/** next-auth's session endpoint: reading it runs the jwt callback, which renews the access token near its expiry. */
const SESSION_URL = '/api/auth/session';
const EVERY_MS = 5 * 60 * 1000;

/**
 * Reads the session when a signed-in page opens, every five minutes and when the tab becomes visible again, so the
 * server renews the access token before it expires (what next-auth's SessionProvider did with refetchInterval and
 * refetchOnWindowFocus, without its client library: no page reads the session in the browser).
 */
export function SessionKeeper() {
  useEffect(() => {
    const read = () => {
      // A failed read changes nothing: the next page the user opens sends them to sign in if the session ended.
      fetch(SESSION_URL, { cache: 'no-store' }).catch(() => undefined);
    };
    const whenVisible = () => {
      if (document.visibilityState === 'visible') read();
    };
    read();
    const timer = setInterval(read, EVERY_MS);
    document.addEventListener('visibilitychange', whenVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', whenVisible);
    };
  }, []);
  return null;
}
