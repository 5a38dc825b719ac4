// Rule: a session's rights are re-checked, not frozen at sign-in: admin rights are confirmed in Graph within a minute, a renewal re-reads the roles, a session ends a fixed time after sign-in and when signed out.
import { decodeJwt } from 'jose';
import type { Account } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ORDERS_APP, PORTAL_APP, USERS, type DemoUserKey } from '../../emulator/seed/demo-tenant';
import { passwordGrant } from '@/test/harness/entra-token-requests';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { reconcileAllApis } from '@/lib/provisioning/reconcile-all';
import { ownsAppNow } from './app-ownership';
import { authOptions } from './auth-options';
import { forgetLiveChecks } from './live-check-cache';
import { sessionState } from './session-user';

let env: PortalTestEnv;
const SIGN_IN_SCOPE = `openid profile offline_access ${PORTAL_APP.identifierUri}/access_as_user`;

beforeAll(async () => {
  env = await startPortalTestEnv({ emulator: { surfaces: ['entra', 'graph'] } });
});
afterAll(async () => env?.close());
afterEach(() => {
  vi.useRealTimers();
  forgetLiveChecks();
});

/** Signs in as next-auth does: the token endpoint's answer and the ID token's claims go through the jwt callback. */
async function signIn(user: DemoUserKey): Promise<JWT> {
  const { status, body } = await passwordGrant(env.emulator.urls.authorityHost, USERS[user].userPrincipalName, SIGN_IN_SCOPE);
  expect(status).toBe(200);
  const tokens = body as { access_token: string; refresh_token: string; id_token: string; expires_in: number };
  const account: Account = {
    provider: 'azure-ad',
    type: 'oauth',
    providerAccountId: USERS[user].oid,
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    expires_at: Math.floor(Date.now() / 1000) + tokens.expires_in,
  };
  return jwt({ name: USERS[user].displayName }, account, decodeJwt(tokens.id_token));
}

const jwt = (token: JWT, account: Account | null = null, profile?: object) =>
  authOptions().callbacks!.jwt!({ token, account, profile, user: undefined as never });

function removePortalAdmin(): () => void {
  const dir = env.emulator.directory;
  const assignment = dir.assignmentsTo(PORTAL_APP.servicePrincipalId).find((a) => a.principalId === USERS.priya.oid);
  expect(assignment).toBeDefined();
  dir.unassign(assignment!.id);
  return () => {
    const again = dir.assign(USERS.priya.oid, PORTAL_APP.servicePrincipalId, PORTAL_APP.roles['Portal.Admin']);
    expect(again.ok).toBe(true);
  };
}

describe('admin rights', () => {
  it('are confirmed in Graph: an admin whose role is removed loses admin actions within a minute', async () => {
    const session = await signIn('priya');
    expect(session.portalRoles).toEqual(['Portal.Admin']);
    const before = await sessionState(env.db, session);
    expect(before.user?.isAdmin).toBe(true);

    const restore = removePortalAdmin();
    try {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
      const after = await sessionState(env.db, session);
      expect(after.user).not.toBeNull();
      expect(after.user?.isAdmin).toBe(false);
      expect(after.user?.portalRoles).toEqual([]);
      // The data layer refuses the former admin, whatever the cookie still says.
      await expect(reconcileAllApis(env.db, after.user!)).rejects.toThrow('Only a portal admin can reconcile grants.');
    } finally {
      restore();
    }
  });

  it('need the role in the session as well: Graph alone does not make a developer an admin', async () => {
    const session = await signIn('ada');
    expect((await sessionState(env.db, session)).user?.isAdmin).toBe(false);
    const forged = { ...session, portalRoles: ['Portal.Admin'] };
    expect((await sessionState(env.db, forged)).user?.isAdmin).toBe(false);
  });

  it('are re-read from the new ID token when the session renews its tokens', async () => {
    const session = await signIn('priya');
    const restore = removePortalAdmin();
    let renewed: JWT;
    try {
      renewed = await jwt({ ...session, expiresAt: Math.floor(Date.now() / 1000) - 10 });
      expect(renewed.error).toBeUndefined();
      expect(renewed.accessToken).not.toBe(session.accessToken);
      expect(renewed.portalRoles).toEqual([]);
    } finally {
      restore();
    }
    // Given back in Entra, the role returns with the next renewal (Entra rotated the refresh token).
    const again = await jwt({ ...renewed, expiresAt: Math.floor(Date.now() / 1000) - 10 });
    expect(again.error).toBeUndefined();
    expect(again.portalRoles).toEqual(['Portal.Admin']);
  });
});

describe('app ownership', () => {
  it('is confirmed in Graph: an owner removed in Entra stops counting as one within a minute', async () => {
    const app = env.emulator.directory.applications.get(ORDERS_APP.objectId)!;
    expect(await ownsAppNow(USERS.olivia.oid, ORDERS_APP.objectId)).toBe(true);
    expect(await ownsAppNow(USERS.ada.oid, ORDERS_APP.objectId)).toBe(false);
    const owners = [...app.owners];
    app.owners = owners.filter((id) => id !== USERS.olivia.oid);
    try {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
      expect(await ownsAppNow(USERS.olivia.oid, ORDERS_APP.objectId)).toBe(false);
    } finally {
      app.owners = owners;
    }
  });
});

describe('session lifetime', () => {
  it('ends a session 12 hours after sign-in however active it was', async () => {
    const session = await signIn('ada');
    expect(session.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect((await sessionState(env.db, session)).user?.oid).toBe(USERS.ada.oid);

    vi.useFakeTimers({ toFake: ['Date'], now: (session.startedAt! + 12 * 3600 + 1) * 1000 });
    expect(await sessionState(env.db, session)).toEqual({ user: null, problem: 'ended' });
    const polled = await jwt(session);
    expect(polled).toMatchObject({ error: 'SessionEnded', accessToken: undefined, refreshToken: undefined });
  });

  it('treats a session from before session ids as ended', async () => {
    const { sid: _sid, startedAt: _startedAt, ...legacy } = await signIn('ada');
    expect(await sessionState(env.db, legacy)).toEqual({ user: null, problem: 'ended' });
  });
});

describe('sign-out', () => {
  it('ends the session on the server, so a copy of the cookie stops working', async () => {
    const session = await signIn('ben');
    const copy = structuredClone(session);
    await authOptions().events!.signOut!({ token: session, session: undefined as never });
    expect(await sessionState(env.db, copy)).toEqual({ user: null, problem: 'ended' });
    expect(await jwt(copy)).toMatchObject({ error: 'SessionEnded', accessToken: undefined });
    // Another sign-in of the same user is a new session.
    expect((await sessionState(env.db, await signIn('ben'))).user?.oid).toBe(USERS.ben.oid);
  });
});
