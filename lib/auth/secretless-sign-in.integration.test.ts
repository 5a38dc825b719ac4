// Rule: with no client secret configured and a managed identity the app registration trusts, users sign in, sessions refresh and the console's on-behalf-of exchange works, each presenting the identity's token as a client assertion; without that trust, sign-in fails and the doctor says why.
import { decode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDERS_APP, PORTAL_APP, USERS } from '@/emulator/seed/demo-tenant';
import { useAzureModeEnv } from '@/test/harness/azure-mode-env';
import { signInThroughNextAuth } from '@/test/harness/next-auth-sign-in';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { tokenOnBehalfOf } from '@/lib/azure/identity/on-behalf-of-token';
import { checkSignInCredential } from '@/lib/doctor/check-tenant-basics';
import { getConfig } from '@/lib/env';
import { authOptions } from './auth-options';
import { refreshAccessToken } from './refresh-access-token';
import { sessionCookieName } from './session-cookies';

const PUBLIC_URL = 'https://roleport.contoso.example';
let env: PortalTestEnv;

beforeAll(async () => {
  env = await startPortalTestEnv({ emulator: { extraRedirectUris: [`${PUBLIC_URL}/api/auth/callback/azure-ad`] } });
  const mi = env.emulator.managedIdentity;
  useAzureModeEnv(env.emulator, {
    PUBLIC_URL,
    NEXTAUTH_URL: PUBLIC_URL,
    AZURE_APP_CREDENTIAL: 'managed-identity',
    AZURE_MANAGED_IDENTITY_CLIENT_ID: mi.clientId,
    IDENTITY_ENDPOINT: mi.endpoint,
    IDENTITY_HEADER: mi.header,
  });
  delete process.env.AZURE_CLIENT_SECRET;
});
afterAll(async () => {
  for (const name of ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'NEXTAUTH_URL']) delete process.env[name];
  await env?.close();
});

async function sessionOf(cookies: Map<string, string>) {
  const token = cookies.get(sessionCookieName(PUBLIC_URL));
  expect(token).toBeTruthy();
  return decode({ token, secret: getConfig().authSecret });
}

describe('signing in without a client secret', () => {
  it('signs Ada in through next-auth, then refreshes her session and exchanges her token on her behalf', async () => {
    expect(getConfig()).toMatchObject({ mode: 'azure', appCredential: 'managed-identity' });
    expect(getConfig().clientSecret).toBeUndefined();
    const { redirect, cookies } = await signInThroughNextAuth(authOptions(), PUBLIC_URL, USERS.ada.oid);
    expect(redirect).toBe(`${PUBLIC_URL}/`);
    const session = await sessionOf(cookies);
    expect(session).toMatchObject({ oid: USERS.ada.oid });
    expect(session?.accessToken).toBeTruthy();

    const refreshed = await refreshAccessToken(session!.refreshToken as string);
    expect(refreshed.identity?.oid).toBe(USERS.ada.oid);
    expect((await checkSignInCredential())?.status).toBe('ok');
    const forOrders = await tokenOnBehalfOf(refreshed.accessToken, `${ORDERS_APP.identifierUri}/.default`);
    expect(JSON.parse(Buffer.from(forOrders.split('.')[1]!, 'base64url').toString())).toMatchObject({ oid: USERS.ada.oid });
  });

  it('fails the sign-in when the registration does not trust the identity, as the doctor says beforehand', async () => {
    const portal = env.emulator.directory.applicationByAppId(PORTAL_APP.appId)!;
    const trusted = portal.federatedIdentityCredentials;
    portal.federatedIdentityCredentials = [];
    try {
      const { redirect, cookies } = await signInThroughNextAuth(authOptions(), PUBLIC_URL, USERS.ben.oid);
      expect(redirect).toMatch(/[?&]error=OAuthCallback$/);
      expect(cookies.has(sessionCookieName(PUBLIC_URL))).toBe(false);
      const finding = await checkSignInCredential();
      expect(finding?.status).toBe('error');
      expect(finding?.detail).toContain('AADSTS70021');
    } finally {
      portal.federatedIdentityCredentials = trusted;
    }
  });
});
