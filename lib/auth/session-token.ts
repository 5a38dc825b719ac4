import 'server-only';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { cache } from 'react';
import { decode, type JWT } from 'next-auth/jwt';
import { getConfig } from '@/lib/env';

const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/** Reassembles next-auth's session cookie, which it splits into `.0`, `.1`, … chunks when large. */
async function sessionCookieValue(): Promise<string | undefined> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const whole = jar.get(name)?.value;
    if (whole) return whole;
    const chunks = jar
      .getAll()
      .filter((c) => c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
    if (chunks.length > 0) return chunks.map((c) => c.value).join('');
  }
  return undefined;
}

/**
 * The signed-in user's session token (decrypted; it expires with the session), read once per request. Renewal of
 * the tokens inside happens in next-auth's session endpoint, which the browser polls; pages only read.
 */
export const readSessionToken = cache(async (): Promise<JWT | null> => {
  // Signed-in pages depend on the request; never prerender them at build time.
  await connection();
  const raw = await sessionCookieValue();
  if (!raw) return null;
  try {
    return await decode({ token: raw, secret: getConfig().authSecret });
  } catch {
    return null;
  }
});
