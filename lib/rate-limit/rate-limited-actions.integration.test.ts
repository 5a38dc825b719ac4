// Rule: submit, cancel, decide, token doctor and console actions each stop a user at their limit with a form error saying when to retry, never a 500.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { RATE_LIMITS, type RateLimitBucket } from './rate-limits';

// The session is the one thing outside a request that the actions cannot read; the signed-in user is Ben.
const ben = {
  oid: '8c0f3f1e-0000-4000-8000-0000000000be',
  tid: 't',
  name: 'Ben',
  upn: 'ben@contoso.example',
  portalRoles: [],
  isAdmin: false,
};
vi.mock('@/lib/auth/session', () => ({ requireUser: async () => ben, requireAdmin: async () => ben, getCurrentUser: async () => ben }));
vi.mock('@/lib/approvals/require-approver', () => ({ requireApprover: async () => ben }));

let env: PortalTestEnv;
beforeAll(async () => {
  env = await startPortalTestEnv({ emulator: { surfaces: ['entra'] } });
  // A clock that stands still one second into a window, so no test straddles two windows.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-30T06:00:01.000Z'));
});
afterAll(async () => {
  vi.useRealTimers();
  await env?.close();
});

type Outcome = { ok: true } | { ok: false; error: string };

// Each action is called with input it refuses, so only the counting is exercised: refused input counts too.
const actions: Record<RateLimitBucket, () => Promise<Outcome>> = {
  'submit-request': async () => (await import('@/app/(portal)/requests/actions')).submitRequestAction({} as never),
  'cancel-request': async () => (await import('@/app/(portal)/requests/actions')).cancelRequestAction({} as never),
  'decide-request': async () => (await import('@/components/access/actions')).decideRequestAction('not a request', {} as never),
  'token-doctor': async () => (await import('@/app/(portal)/tokens/actions')).diagnoseTokenAction({}),
  console: async () => (await import('@/app/(portal)/console/actions')).sendConsoleRequestAction({}),
};

describe('rate-limited actions', () => {
  for (const [bucket, call] of Object.entries(actions) as [RateLimitBucket, () => Promise<Outcome>][]) {
    it(`${bucket}: refuses call ${RATE_LIMITS[bucket].limit + 1} in the window with a message`, async () => {
      const { limit, noun } = RATE_LIMITS[bucket];
      for (let n = 0; n < limit; n += 1) {
        const outcome = await call();
        expect(outcome.ok ? '' : outcome.error).not.toMatch(/limit/);
      }
      const refused = await call();
      expect(refused).toEqual({
        ok: false,
        error: expect.stringMatching(
          new RegExp(`^You have reached the limit of ${limit} ${noun} per .+\\. Try again in \\d+ (s|minutes?)\\.$`),
        ),
      });
    });
  }
});
