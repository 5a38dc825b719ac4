// A browser's part, over plain HTTP to running portal servers: the Entra sign-in (next-auth and the emulator's sign-in
// page), then server actions called as React calls them, with the session cookie the sign-in left.
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Jar = Map<string, string>;

const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

function keepCookies(jar: Jar, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const cut = pair.indexOf('=');
    const name = pair.slice(0, cut).trim();
    const value = pair.slice(cut + 1).trim();
    if (value === '' || /;\s*max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}

/** Signs the user in at the server on `port` and returns the cookies of the session (valid on every replica). */
export async function signInOverHttp(port: number, userOid: string): Promise<string> {
  const base = `http://localhost:${port}`;
  const jar: Jar = new Map();
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  keepCookies(jar, csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const started = await fetch(`${base}/api/auth/signin/azure-ad`, {
    method: 'POST',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: '/' }),
    redirect: 'manual',
  });
  keepCookies(jar, started);
  const authorize = new URL(started.headers.get('location') ?? '');
  const form = new URLSearchParams(authorize.search);
  form.set('login_user', userOid);
  const chosen = await fetch(`${authorize.origin}${authorize.pathname}`, { method: 'POST', body: form, redirect: 'manual' });
  const callback = new URL(chosen.headers.get('location') ?? '');
  if (!callback.searchParams.get('code')) throw new Error(`Entra returned no code: ${callback}`);
  const done = await fetch(`${base}${callback.pathname}${callback.search}`, { headers: { cookie: cookieHeader(jar) }, redirect: 'manual' });
  keepCookies(jar, done);
  if (![...jar.keys()].some((name) => name.endsWith('next-auth.session-token'))) throw new Error('the sign-in left no session cookie');
  return cookieHeader(jar);
}

/** The id the build gave a server action, from the image's server-reference manifest. */
export function serverActionId(imageDir: string, file: string, exportedName: string): string {
  const manifestFile = path.join(imageDir, '.next/server/server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, e]) => e.filename === file && e.exportedName === exportedName);
  if (!entry) throw new Error(`no server action ${file}#${exportedName} in ${manifestFile}`);
  return entry[0];
}

/** Calls a server action as React does from a page of the portal; answers its `{ ok, error }`. */
export async function callServerAction(port: number, pagePath: string, actionId: string, args: unknown[], cookies: string) {
  const response = await fetch(`http://localhost:${port}${pagePath}`, {
    method: 'POST',
    headers: {
      'Next-Action': actionId,
      Accept: 'text/x-component',
      'Content-Type': 'text/plain;charset=UTF-8',
      Origin: `http://localhost:${port}`,
      cookie: cookies,
    },
    body: JSON.stringify(args),
    redirect: 'manual',
  });
  const text = await response.text();
  for (const line of text.split('\n')) {
    const json = line.replace(/^[0-9a-f]+:/, '');
    if (!json.startsWith('{')) continue;
    try {
      const value = JSON.parse(json) as { ok?: unknown; error?: string };
      if (typeof value.ok === 'boolean') return { status: response.status, ok: value.ok, error: value.error };
    } catch {
      // not the result row
    }
  }
  throw new Error(`no action result in the answer (${response.status}): ${text.slice(0, 300)}`);
}
