// Rule: the emulated sign-in follows Entra's authorization code + PKCE flow, with its discovery and its errors.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../start';
import { PORTAL_APP, TENANT_DOMAIN, TENANT_ID, USERS } from '../seed/demo-tenant';
import { claimsOf, postToken } from '@/test/harness/entra-token-requests';

const REDIRECT = PORTAL_APP.redirectUris[0];
const EXTRA_REDIRECT = 'http://localhost:3999/api/auth/callback/azure-ad';
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ ports: { entra: 0 }, surfaces: ['entra'], extraRedirectUris: [EXTRA_REDIRECT] });
});
afterAll(() => emu?.stop());

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeParams(challenge: string, extra: Record<string, string> = {}) {
  return new URLSearchParams({
    client_id: PORTAL_APP.appId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    state: 'st-1',
    nonce: 'n-1',
    scope: `openid profile email offline_access ${PORTAL_APP.identifierUri}/access_as_user`,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
}

const authorizeUrl = () => `${emu.urls.authorityHost}/${TENANT_ID}/oauth2/v2.0/authorize`;

/** Shows the picker, then "clicks" the user's button by posting its form. */
async function signIn(userOid: string, params: URLSearchParams) {
  const page = await fetch(`${authorizeUrl()}?${params}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const form = new URLSearchParams(params);
  form.set('login_user', userOid);
  expect(html).toContain(`name="login_user" value="${userOid}"`);
  return fetch(authorizeUrl(), { method: 'POST', body: form, redirect: 'manual' });
}

function redeem(code: string, verifier: string, redirectUri: string = REDIRECT) {
  return postToken(emu.urls.authorityHost, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
    client_id: PORTAL_APP.appId,
    client_secret: PORTAL_APP.clientSecret,
  });
}

describe('discovery', () => {
  it('publishes Entra-shaped metadata and keys on the emulator origin, for the tenant id or domain in any case', async () => {
    const doc = (await (
      await fetch(`${emu.urls.authorityHost}/${TENANT_DOMAIN.toUpperCase()}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(doc.issuer).toBe(`${emu.urls.authorityHost}/${TENANT_ID}/v2.0`);
    expect(doc.token_endpoint).toBe(`${emu.urls.authorityHost}/${TENANT_ID}/oauth2/v2.0/token`);
    expect(doc.userinfo_endpoint?.startsWith(emu.urls.authorityHost)).toBe(true);
    const jwks = (await (await fetch(doc.jwks_uri!)).json()) as { keys: { kid: string; kty: string }[] };
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA' });
    expect(jwks.keys[0]!.kid).toBeTruthy();
  });
});

describe('authorization code with PKCE', () => {
  it('lists the seeded users, signs in, and redeems the code once for ID, access and refresh tokens', async () => {
    const { verifier, challenge } = pkce();
    const page = await (await fetch(`${authorizeUrl()}?${authorizeParams(challenge)}`)).text();
    for (const u of Object.values(USERS)) {
      expect(page).toContain(u.displayName);
      expect(page).toContain(u.userPrincipalName);
    }

    const res = await signIn(USERS.priya.oid, authorizeParams(challenge));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st-1');
    const code = location.searchParams.get('code')!;

    const tokens = await redeem(code, verifier);
    expect(tokens.status).toBe(200);
    const id = claimsOf(tokens.body.id_token as string);
    expect(id).toMatchObject({
      aud: PORTAL_APP.appId,
      nonce: 'n-1',
      oid: USERS.priya.oid,
      tid: TENANT_ID,
      roles: ['Portal.Admin'],
      preferred_username: USERS.priya.userPrincipalName,
      ver: '2.0',
    });
    const access = claimsOf(tokens.body.access_token as string);
    expect(access).toMatchObject({ aud: PORTAL_APP.appId, scp: 'access_as_user', roles: ['Portal.Admin'] });

    expect((await redeem(code, verifier)).body).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });

    const refreshed = await postToken(emu.urls.authorityHost, {
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token as string,
      client_id: PORTAL_APP.appId,
      client_secret: PORTAL_APP.clientSecret,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);
    expect(claimsOf(refreshed.body.id_token as string).roles).toEqual(['Portal.Admin']);
    const reused = await postToken(emu.urls.authorityHost, {
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token as string,
      client_id: PORTAL_APP.appId,
      client_secret: PORTAL_APP.clientSecret,
    });
    expect(reused.body.error_codes).toEqual([70008]);
  });

  it('rejects a code_verifier that does not match the challenge', async () => {
    const { challenge } = pkce();
    const res = await signIn(USERS.ada.oid, authorizeParams(challenge));
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    expect((await redeem(code, pkce().verifier)).body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
  });

  it('reuses the browser session, supports form_post and extra redirect URIs, and ends the session on logout', async () => {
    const { verifier, challenge } = pkce();
    const first = await signIn(USERS.ada.oid, authorizeParams(challenge));
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const again = await fetch(
      `${authorizeUrl()}?${authorizeParams(challenge, { response_mode: 'form_post', redirect_uri: EXTRA_REDIRECT })}`,
      { headers: { cookie } },
    );
    const html = await again.text();
    expect(html).toContain(`action="${EXTRA_REDIRECT}"`);
    const code = /name="code" value="([^"]+)"/.exec(html)![1]!;
    expect(claimsOf((await redeem(code, verifier, EXTRA_REDIRECT)).body.id_token as string).oid).toBe(USERS.ada.oid);

    const logout = await fetch(
      `${emu.urls.authorityHost}/${TENANT_ID}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('http://localhost:3000/')}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe('http://localhost:3000/');
    const picker = await fetch(`${authorizeUrl()}?${authorizeParams(challenge)}`, { headers: { cookie }, redirect: 'manual' });
    expect(picker.status).toBe(200);
  });

  it('shows AADSTS50011 for an unregistered redirect URI and AADSTS700016 for an unknown app', async () => {
    const bad = await fetch(`${authorizeUrl()}?${authorizeParams('x', { redirect_uri: 'https://evil.example/cb' })}`);
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('AADSTS50011');
    expect(text).toContain(
      "The redirect URI 'https://evil.example/cb' specified in the request does not match the redirect URIs configured for the application",
    );
    const unknown = await fetch(`${authorizeUrl()}?${authorizeParams('x', { client_id: '11111111-2222-3333-4444-555555555555' })}`);
    expect(await unknown.text()).toContain('AADSTS700016');
  });

  it('redirects scope errors back to the client like Entra', async () => {
    const res = await fetch(
      `${authorizeUrl()}?${authorizeParams('x', { scope: 'openid api://contoso-orders/.default https://graph.microsoft.com/.default' })}`,
      { redirect: 'manual' },
    );
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('error_description')).toMatch(/^AADSTS28000/);
  });

  it('answers userinfo for a user token', async () => {
    const { verifier, challenge } = pkce();
    const res = await signIn(USERS.ben.oid, authorizeParams(challenge));
    const tokens = await redeem(new URL(res.headers.get('location')!).searchParams.get('code')!, verifier);
    const info = await fetch(`${emu.urls.authorityHost}/oidc/userinfo`, {
      headers: { authorization: `Bearer ${tokens.body.access_token as string}` },
    });
    expect(await info.json()).toMatchObject({ name: USERS.ben.displayName });
    expect((await fetch(`${emu.urls.authorityHost}/oidc/userinfo`)).status).toBe(401);
  });
});
