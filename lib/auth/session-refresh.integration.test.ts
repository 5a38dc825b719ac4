// An expired access token is renewed with the refresh token; a refresh Entra refuses ends the session cleanly.
import type { JWT } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_APP, USERS } from '../../emulator/seed/demo-tenant';
import { passwordGrant } from '@/test/harness/entra-token-requests';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { authOptions } from './auth-options';

let env: PortalTestEnv;
const SIGN_IN_SCOPE = `openid profile offline_access ${PORTAL_APP.identifierUri}/access_as_user`;

beforeAll(async () => {
  env = await startPortalTestEnv({ emulator: { surfaces: ['entra', 'graph'] } });
});
afterAll(async () => env?.close());

async function signInTokens(): Promise<{ access_token: string; refresh_token: string }> {
  const { status, body } = await passwordGrant(env.emulator.urls.authorityHost, USERS.ada.userPrincipalName, SIGN_IN_SCOPE);
  expect(status).toBe(200);
  return body as { access_token: string; refresh_token: string };
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
