// Rule: the console finds the caller's APIM user by a filtered query on the sign-in email, trusts it only by its aad identity,
// and caches it, so a console call costs no listing of every APIM user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import type { ApimState } from '../../../emulator/apim/types';
import { USERS } from '../../../emulator/seed/demo-tenant';
import { SEEDED_SUBSCRIPTION_KEYS } from '../../../emulator/seed/apim-seed';
import { apimClient, apimService } from './client';
import { findUserSubscriptionKey } from './user-subscription-key';

let env: PortalTestEnv;
let apim: ApimState;
const caller = (user: 'ada' | 'ben' | 'olivia') => ({ oid: USERS[user].oid, email: USERS[user].userPrincipalName });

/** ARM calls that listed APIM users since the last reset. */
function userListCalls(): number {
  const routes = env.emulator.stats.snapshot().surfaces.arm?.routes ?? {};
  return Object.entries(routes)
    .filter(([route]) => /^GET \S+\/users$/i.test(route))
    .reduce((n, [, count]) => n + count, 0);
}

beforeAll(async () => {
  env = await startPortalTestEnv();
  apim = env.emulator.apim as ApimState;
  // A real service has many developers: the demo users come after 350 others, so listing everyone takes four pages.
  const seeded = [...apim.users.entries()];
  apim.users.clear();
  for (let i = 0; i < 350; i++) {
    apim.users.set(`dev-${i}`, {
      id: `dev-${i}`,
      firstName: 'Dev',
      lastName: String(i),
      email: `dev${i}@fabrikam.example`,
      state: 'active',
      registrationDate: '2025-03-01T08:00:00Z',
      identities: [{ provider: 'aad', id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }],
    });
  }
  for (const [id, user] of seeded) apim.users.set(id, user);
});
afterAll(async () => env?.close());

describe('findUserSubscriptionKey', () => {
  it('asks APIM once for the user by email and reuses the answer', async () => {
    env.emulator.stats.reset();
    const first = await findUserSubscriptionKey(caller('ben'), 'payments', ['partners']);
    expect(first).toMatchObject({ subscriptionId: 'ben-partners', key: SEEDED_SUBSCRIPTION_KEYS.benPartners });
    expect(userListCalls()).toBe(1);
    const second = await findUserSubscriptionKey(caller('ben'), 'payments', ['partners']);
    expect(second?.subscriptionId).toBe('ben-partners');
    expect(userListCalls()).toBe(1);
  });

  it('does not take a user with the same email but another identity for the caller', async () => {
    apim.users.delete('olivia');
    apim.users.set('impostor', {
      id: 'impostor',
      firstName: 'Olivia',
      lastName: 'Owens',
      email: USERS.olivia.userPrincipalName,
      state: 'active',
      registrationDate: '2025-03-01T08:00:00Z',
      identities: [{ provider: 'Basic', id: USERS.olivia.userPrincipalName }],
    });
    apim.subscriptions.set('impostor-partners', {
      id: 'impostor-partners',
      ownerId: '/users/impostor',
      scope: '/products/partners',
      displayName: 'Impostor – Partners',
      state: 'active',
      primaryKey: 'c'.repeat(32),
      secondaryKey: 'd'.repeat(32),
      createdDate: '2026-10-01T09:00:00.000Z',
      allowTracing: false,
    });
    expect(await findUserSubscriptionKey(caller('olivia'), 'payments', ['partners'])).toBeNull();
  });

  it('looks the user up afresh when the cached APIM user was deleted', async () => {
    await findUserSubscriptionKey(caller('ben'), 'payments', ['partners']);
    const ben = apim.users.get('ben')!;
    apim.users.delete('ben');
    apim.users.set('ben-again', { ...ben, id: 'ben-again' });
    apim.subscriptions.get('ben-partners')!.ownerId = '/users/ben-again';
    env.emulator.stats.reset();
    expect((await findUserSubscriptionKey(caller('ben'), 'payments', ['partners']))?.subscriptionId).toBe('ben-partners');
    expect(userListCalls()).toBe(1);
  });

  it('cannot filter APIM users by identity: APIM documents no such filter, so the emulator refuses it', async () => {
    const { resourceGroup, serviceName } = apimService();
    const list = async () => {
      for await (const _ of apimClient().user.listByService(resourceGroup, serviceName, { filter: `identities eq '${USERS.ben.oid}'` }));
    };
    await expect(list()).rejects.toMatchObject({ statusCode: 400 });
  });
});
