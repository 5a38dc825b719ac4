// An expired access token is renewed with the refresh token; a refresh Entra refuses ends the session cleanly.
import type { JWT } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PORTAL_APP, TENANT_ID, USERS } from '../../emulator/seed/demo-tenant';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { authOptions } from './auth-options';

let env: PortalTestEnv;

beforeAll(async () => {
  env = await startPortalTestEnv({ emulator: { surfaces: ['entra', 'graph'] } });
});
afterAll(async () => env?.close());

async function signInTokens(): Promise<{ access_token: string; refresh_token: string }> {
  const response = await fetch(`${env.emulator.urls.authorityHost}/${TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: PORTAL_APP.appId,
      client_secret: PORTAL_APP.clientSecret,
      username: USERS.ada.userPrincipalName,
      password: DEMO_PASSWORD,
      scope: `openid profile offline_access ${PORTAL_APP.identifierUri}/access_as_user`,
    }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { access_token: string; refresh_token: string };
}

/** A session as sign-in starts it: its id and start time (without them it counts as ended). */
const started = () => ({ sid: crypto.randomUUID(), startedAt: Math.floor(Date.now() / 1000) });

const jwtCallback = (token: JWT) => authOptions().callbacks!.jwt!({ token, account: null, user: undefined as never, trigger: 'update' });

describe('session token refresh', () => {
  it('renews an access token that is about to expire and keeps the session', async () => {
    const tokens = await signInTokens();
    const stale: JWT = {
      ...started(),
      oid: USERS.ada.oid,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: Math.floor(Date.now() / 1000) - 10,
    };
    const renewed = await jwtCallback(stale);
    expect(renewed.error).toBeUndefined();
    expect(renewed.accessToken).toBeTruthy();
    expect(renewed.accessToken).not.toBe(tokens.access_token);
    expect(renewed.expiresAt).toBeGreaterThan(Date.now() / 1000 + 600);
  });

  it('leaves a fresh token alone', async () => {
    const fresh: JWT = { ...started(), accessToken: 'unchanged', refreshToken: 'r', expiresAt: Math.floor(Date.now() / 1000) + 3000 };
    expect(await jwtCallback(fresh)).toEqual(fresh);
  });

  it('marks the session as ended when the refresh token is refused, dropping every token', async () => {
    const stale: JWT = {
      ...started(),
      accessToken: 'old',
      refreshToken: 'not-a-refresh-token',
      expiresAt: Math.floor(Date.now() / 1000) - 10,
    };
    const ended = await jwtCallback(stale);
    expect(ended.error).toBe('RefreshFailed');
    expect(ended.accessToken).toBeUndefined();
    expect(ended.refreshToken).toBeUndefined();
  });
});
