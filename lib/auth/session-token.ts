import 'server-only';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import { cache } from 'react';
import { decode, type JWT } from 'next-auth/jwt';
import { getConfig } from '@/lib/env';
import { sessionCookieName } from './session-cookies';

/** Reassembles next-auth's session cookie, which it splits into `.0`, `.1`, … chunks when large. */
async function sessionCookieValue(): Promise<string | undefined> {
  const jar = await cookies();
  // Only the name this deployment sets: behind https that is the `__Secure-` one, which plain http cannot plant.
  const name = sessionCookieName(getConfig().publicUrl);
  const whole = jar.get(name)?.value;
  if (whole) return whole;
  const chunks = jar
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length > 0 ? chunks.map((c) => c.value).join('') : undefined;
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
