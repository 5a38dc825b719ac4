// A signed-in browser session over plain HTTP: a cookie jar per origin and manual redirects.

export class HttpSession {
  private jars = new Map<string, Map<string, string>>();

  private cookieHeader(url: URL): string | undefined {
    const jar = this.jars.get(url.host);
    return jar && jar.size > 0 ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  }

  private remember(url: URL, response: Response): void {
    const jar = this.jars.get(url.host) ?? new Map<string, string>();
    for (const raw of response.headers.getSetCookie()) {
      const [pair] = raw.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (!pair || at < 1) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      // An expired cookie (next-auth clears its check cookies this way) leaves the jar.
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(raw)) jar.delete(name);
      else jar.set(name, value);
    }
    this.jars.set(url.host, jar);
  }

  /** True once next-auth has set its session cookie for the portal. */
  signedIn(portalUrl: string): boolean {
    return /next-auth\.session-token/.test(this.cookieHeader(new URL(portalUrl)) ?? '');
  }

  /** One request with this session's cookies; redirects are returned, not followed. */
  async request(
    target: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const url = new URL(target);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    let body: URLSearchParams | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form);
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.remember(url, response);
    return response;
  }
}

/** Signs `userOid` in through next-auth and the emulator's Entra account picker, as a browser would. */
export async function signIn(portalUrl: string, userOid: string): Promise<HttpSession> {
  const session = new HttpSession();
  const csrf = (await (await session.request(`${portalUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await session.request(`${portalUrl}/api/auth/signin/azure-ad`, {
    form: { csrfToken: csrf.csrfToken, callbackUrl: `${portalUrl}/`, json: 'true' },
  });
  const { url: authorizeUrl } = (await start.json()) as { url: string };
  if (!authorizeUrl || !authorizeUrl.includes('/authorize')) throw new Error(`sign-in did not lead to Entra: ${authorizeUrl}`);
  const authorize = new URL(authorizeUrl);
  // The account picker re-posts the authorize request with the chosen user.
  const picked = await session.request(`${authorize.origin}${authorize.pathname}`, {
    form: { ...Object.fromEntries(authorize.searchParams), login_user: userOid },
  });
  const callback = picked.headers.get('location');
  if (picked.status !== 302 || !callback)
    throw new Error(`Entra did not redirect back (HTTP ${picked.status}): ${(await picked.text()).slice(0, 300)}`);
  await picked.arrayBuffer();
  // The callback sets the session cookie; its redirect to the home page is not followed, so the user's first page stays cold.
  const landed = await session.request(callback);
  await landed.arrayBuffer();
  if (!session.signedIn(portalUrl)) throw new Error(`sign-in for ${userOid} ended with HTTP ${landed.status} and no session cookie`);
  return session;
}
