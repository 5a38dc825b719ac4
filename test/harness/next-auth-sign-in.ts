// Drives next-auth's own request handler (its API-route entry, outside Next's request scope) through a whole Entra
// sign-in against the emulator over HTTPS, as a browser would: CSRF token, sign-in POST, the emulator's sign-in page,
// the callback. NEXTAUTH_URL must be the portal's public URL, as `npm start` sets it.
import NextAuth, { type AuthOptions } from 'next-auth';

interface CapturedResponse {
  status: number;
  headers: Map<string, string | string[]>;
  body: unknown;
}

/** The part of a Node response next-auth's API handler writes to. */
function captureResponse(): { res: unknown; done: CapturedResponse } {
  const done: CapturedResponse = { status: 200, headers: new Map(), body: undefined };
  const res = {
    status(code: number) {
      done.status = code;
      return res;
    },
    setHeader(name: string, value: string | string[]) {
      done.headers.set(name.toLowerCase(), value);
      return res;
    },
    getHeader: (name: string) => done.headers.get(name.toLowerCase()),
    end() {},
    send(body: unknown) {
      done.body = body;
    },
    json(body: unknown) {
      done.body = body;
    },
  };
  return { res, done };
}

export interface SignInOutcome {
  /** Where next-auth sent the browser after the callback: the page asked for, or the sign-in page with an error. */
  redirect: string | undefined;
  /** Cookies the browser holds afterwards, by name. */
  cookies: Map<string, string>;
}

export async function signInThroughNextAuth(options: AuthOptions, publicUrl: string, userOid: string): Promise<SignInOutcome> {
  const jar = new Map<string, string>();
  const call = async (path: string, init: { method?: string; form?: Record<string, string> } = {}) => {
    const url = new URL(path, publicUrl);
    const nextauth = url.pathname.replace(/^\/api\/auth\//, '').split('/');
    const req = {
      method: init.method ?? 'GET',
      query: { ...Object.fromEntries(url.searchParams), nextauth },
      body: init.form ?? {},
      cookies: Object.fromEntries(jar),
      headers: { host: url.host, 'x-forwarded-proto': 'https' },
    };
    const { res, done } = captureResponse();
    await (NextAuth as unknown as (req: unknown, res: unknown, options: AuthOptions) => Promise<void>)(req, res, options);
    const setCookie = done.headers.get('set-cookie') ?? [];
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair = '', ...attributes] = line.split(';');
      const cut = pair.indexOf('=');
      const name = pair.slice(0, cut).trim();
      const value = pair.slice(cut + 1).trim();
      const cleared = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (cleared) jar.delete(name);
      else jar.set(name, decodeURIComponent(value));
    }
    return { status: done.status, redirect: done.headers.get('location') as string | undefined, body: done.body };
  };

  const csrf = await call('/api/auth/csrf');
  const { csrfToken } = csrf.body as { csrfToken: string };
  const started = await call('/api/auth/signin/azure-ad', { method: 'POST', form: { csrfToken, callbackUrl: `${publicUrl}/` } });
  if (!started.redirect) throw new Error(`next-auth did not redirect to Entra: ${JSON.stringify(started.body)}`);
  const authorize = new URL(started.redirect);
  // The emulator's sign-in page lists the users; choosing one posts its form.
  const page = await fetch(authorize);
  if (page.status !== 200) throw new Error(`the sign-in page answered ${page.status}`);
  const form = new URLSearchParams(authorize.search);
  form.set('login_user', userOid);
  const chosen = await fetch(`${authorize.origin}${authorize.pathname}`, { method: 'POST', body: form, redirect: 'manual' });
  const callback = new URL(chosen.headers.get('location') ?? '');
  if (!callback.searchParams.get('code')) throw new Error(`Entra returned no code: ${callback}`);
  const done = await call(`${callback.pathname}${callback.search}`);
  return { redirect: done.redirect, cookies: jar };
}
