// Rule: every server action gates, validates, runs and refreshes the same way: the gate before anything, the schema's first message as the form error (and, for a form, every field's), pages refreshed only after success, and an unexpected error shown only as a reference that the log carries.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from '@/lib/validation/zod';
import type { PortalUser } from '@/lib/auth/session';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';

const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock('next/cache', () => ({ revalidatePath }));

// The session is the one thing outside a request that an action cannot read: the gates answer as lib/auth does.
const signedIn = vi.hoisted(() => ({ user: null as PortalUser | null }));
vi.mock('@/lib/auth/session', async () => {
  const { redirect } = await import('next/navigation');
  const requireUser = async () => signedIn.user ?? redirect('/signin');
  return {
    requireUser,
    requireAdmin: async () => {
      const user = await requireUser();
      return user.isAdmin ? user : redirect('/forbidden');
    },
  };
});
const requireApprover = vi.hoisted(() => vi.fn());
vi.mock('@/lib/approvals/require-approver', () => ({ requireApprover }));

const { defineAction, validatedInLib } = await import('./define-action');

const person = (isAdmin: boolean): PortalUser => ({
  oid: isAdmin ? 'oid-admin' : 'oid-dev',
  tid: 't',
  name: isAdmin ? 'Olivia' : 'Ada',
  upn: isAdmin ? 'olivia@contoso.example' : 'ada@contoso.example',
  portalRoles: isAdmin ? ['Portal.Admin'] : [],
  isAdmin,
});

const redirectTarget = (error: unknown) => (error as { digest?: string }).digest?.split(';')[2];

// Handlers get the portal's database, so the file runs against a real one.
let env: PortalTestEnv;
beforeAll(async () => {
  env = await startPortalTestEnv({ emulator: { surfaces: ['entra'] } });
});
afterAll(async () => {
  await env?.close();
});

beforeEach(() => {
  signedIn.user = person(false);
  revalidatePath.mockReset();
  requireApprover.mockReset();
});
afterEach(() => vi.restoreAllMocks());

describe('defineAction', () => {
  it('sends a signed-out caller to sign-in and a non-admin to forbidden, without running the handler', async () => {
    const handler = vi.fn(async () => 'done');
    const userAction = defineAction({ auth: 'user', revalidate: ['/x'] }, handler);
    const adminAction = defineAction({ auth: 'admin', revalidate: ['/x'] }, handler);
    signedIn.user = null;
    expect(redirectTarget(await userAction().catch((e: unknown) => e))).toBe('/signin');
    signedIn.user = person(false);
    expect(redirectTarget(await adminAction().catch((e: unknown) => e))).toBe('/forbidden');
    expect(handler).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
    signedIn.user = person(true);
    await expect(adminAction()).resolves.toEqual({ ok: true, value: 'done' });
  });

  it('asks the approver gate about the request named in the raw arguments', async () => {
    requireApprover.mockResolvedValue(person(false));
    const action = defineAction(
      { auth: { approverFor: ([id]) => (typeof id === 'string' ? id : undefined) }, input: z.tuple([z.string(), z.number()]) },
      async ([id, n], { user }) => `${user.name} ${id} ${n}`,
    );
    await expect(action('req-1', 2)).resolves.toEqual({ ok: true, value: 'Ada req-1 2' });
    expect(requireApprover).toHaveBeenCalledWith({ forRequest: 'req-1' });
    await defineAction({ auth: 'approver' }, async () => 'queue')();
    expect(requireApprover).toHaveBeenLastCalledWith();
  });

  it("answers bad input with the schema's first message (or the declared one) and does not run the handler", async () => {
    const handler = vi.fn(async () => 'saved');
    const schema = z.object({ name: z.string().min(3, 'Name at least three letters.'), age: z.number('Give an age.') });
    const action = defineAction({ auth: 'user', input: schema, revalidate: ['/x'] }, handler);
    await expect(action({ name: 'Al' } as never)).resolves.toEqual({ ok: false, error: 'Name at least three letters.' });
    const fixed = defineAction({ auth: 'user', input: schema, invalidInput: 'Reload the page and try again.' }, handler);
    await expect(fixed({ name: 'Al' } as never)).resolves.toEqual({ ok: false, error: 'Reload the page and try again.' });
    // A form's action also names every invalid field, for the form to mark without parsing the input itself.
    const form = defineAction({ auth: 'user', input: schema, fieldIssues: true }, handler);
    await expect(form({ name: 'Al' } as never)).resolves.toEqual({
      ok: false,
      error: 'Name at least three letters.',
      fields: { name: 'Name at least three letters.', age: 'Give an age.' },
    });
    expect(handler).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it('hands the handler parsed input: transforms applied, extra positional arguments dropped, missing ones undefined', async () => {
    const seen: unknown[] = [];
    const action = defineAction({ auth: 'user', input: z.tuple([z.string().trim(), z.unknown()]) }, async (input) => void seen.push(input));
    await (action as (...args: unknown[]) => Promise<unknown>)('  id  ', 'b', 'extra');
    await (action as (...args: unknown[]) => Promise<unknown>)('x');
    expect(seen).toEqual([
      ['id', 'b'],
      ['x', undefined],
    ]);
    const passThrough = defineAction({ auth: 'user', input: validatedInLib<{ raw: string }>() }, async (input) => input);
    await expect(passThrough({ raw: 'as sent' })).resolves.toEqual({ ok: true, value: { raw: 'as sent' } });
  });

  it('refreshes the declared pages after success, from the parsed input and the result when declared as a function', async () => {
    const action = defineAction(
      { auth: 'user', input: z.object({ apiId: z.string() }), revalidate: ['/requests', { path: '/apis', type: 'layout' }] },
      async ({ apiId }) => `refreshed ${apiId}`,
    );
    await expect(action({ apiId: 'orders' })).resolves.toEqual({ ok: true, value: 'refreshed orders' });
    expect(revalidatePath.mock.calls).toEqual([['/requests'], ['/apis', 'layout']]);

    revalidatePath.mockReset();
    const conditional = defineAction(
      {
        auth: 'user',
        input: z.object({ apiId: z.string() }),
        revalidate: (input: { apiId: string }, written: number) => (written > 0 ? [`/apis/${input.apiId}`] : []),
      },
      async ({ apiId }) => (apiId === 'orders' ? 1 : 0),
    );
    await conditional({ apiId: 'billing' });
    expect(revalidatePath).not.toHaveBeenCalled();
    await conditional({ apiId: 'orders' });
    expect(revalidatePath.mock.calls).toEqual([['/apis/orders']]);
  });

  it("hands the handler the portal's database", async () => {
    const action = defineAction(
      { auth: 'user' },
      async (_, { db }) => (await db.selectFrom('audit_head').select('last_seq').execute()).length,
    );
    await expect(action()).resolves.toEqual({ ok: true, value: 1 });
  });

  it("shows a UserFacingError's message and link, and refreshes nothing", async () => {
    const link = { label: 'Open the role map', href: '/admin/apis/orders/policy' };
    const action = defineAction({ auth: 'user', revalidate: ['/x'] }, async () => {
      throw new UserFacingError('That rule no longer exists.', 'not_found', 404, link);
    });
    await expect(action()).resolves.toEqual({ ok: false, error: 'That rule no longer exists.', link });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it('shows any other error as a generic message whose reference the log carries with the cause, never the cause itself', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const action = defineAction({ auth: 'user', revalidate: ['/x'] }, async () => {
      throw new Error('connection string Password=hunter2 refused');
    });
    const result = await action();
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(/^Something went wrong \(reference [0-9a-f]{8}\)\. Please try again\.$/),
    });
    const reference = /reference ([0-9a-f]{8})/.exec(result.ok ? '' : result.error)?.[1];
    expect(logged).toHaveBeenCalledWith(`[action ${reference}]`, expect.objectContaining({ message: expect.stringContaining('hunter2') }));
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});
