// Rule: no bad input makes any server action or route handler answer 5xx or write half a row, a request for an app names
// what is wrong with a bad application id, and stored text renders as text.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { ORDERS_APP, PAYMENTS_APP } from '../emulator/seed/demo-tenant';
import { BAD_INPUTS, CLIENT_SP_ID_INPUTS, type BadInput } from './security/bad-inputs';
import { actionResult, callAction, callUrl, classify, type Outcome } from './security/call-endpoint';
import { CaseLog } from './security/case-log';
import { DatabaseSnapshot } from './security/database-snapshot';
import { EXPECTED, pathParams } from './security/expected-outcomes';
import { listEndpoints, type Endpoint } from './security/route-inventory';
import { signIn } from './support/sign-in';
import { forgetRateLimits } from './support/forget-rate-limits';

test.describe.configure({ timeout: 900_000 });
// This spec spends the per-person limits on purpose; the journeys after it start with fresh counts.
test.afterAll(() => forgetRateLimits());

/** Every way to put `bad` into an action's probe arguments: as a whole argument, and as each field of an object argument. */
function variants(args: unknown[], bad: unknown): { where: string; args: unknown[] }[] {
  const out: { where: string; args: unknown[] }[] = [];
  args.forEach((arg, i) => {
    out.push({ where: `arg ${i}`, args: args.map((a, j) => (j === i ? bad : a)) });
    if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
      for (const field of Object.keys(arg)) {
        out.push({ where: `arg ${i}.${field}`, args: args.map((a, j) => (j === i ? { ...(a as object), [field]: bad } : a)) });
      }
    }
  });
  return out;
}

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The URLs a route handler or dynamic page is probed at: the bad value as query, and raw in each path parameter. */
function urlVariants(endpoint: Endpoint, params: Record<string, string>, bad: unknown): { where: string; url: string }[] {
  // A URL cannot carry a lone surrogate (UTF-8 has no encoding for it); it is sent as U+FFFD, as a browser would.
  const text = asText(bad)
    .slice(0, 4000)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  const filled = endpoint.path.replace(/\[[^\]]+\]/g, (s) => params[s] ?? 'x');
  const out = [{ where: 'query', url: `${filled}?q=${encodeURIComponent(text)}&callbackUrl=${encodeURIComponent(text)}` }];
  for (const segment of endpoint.path.match(/\[[^\]]+\]/g) ?? []) {
    // Unencoded on purpose where it stays a valid request line: malformed percent-escapes reach the router as sent.
    const raw = /^[\x21-\x7e]*$/.test(text) && !text.includes('?') && !text.includes('#') ? text : encodeURIComponent(text);
    out.push({ where: `path ${segment}`, url: endpoint.path.replace(/\[[^\]]+\]/g, (s) => (s === segment ? raw : (params[s] ?? 'x'))) });
  }
  return out;
}

async function signedIn(browser: import('@playwright/test').Browser, user: 'priya' | 'ben' | 'olivia'): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user, '/');
  await page.close();
  return context.request;
}

// Runs after the authorization matrix (file order): its hundreds of refused calls as the admin use up the admin's abuse
// limits for the next ten minutes, which the matrix must not meet.
test('the bad-input corpus: no 5xx, no half-written rows, against every action and route handler', async ({ browser }) => {
  // Sign-out takes no input and would end the session the corpus runs in; the matrix covers it.
  const endpoints = listEndpoints().filter((e) => !e.key.endsWith('#signOutAction'));
  const log = new CaseLog();
  const admin = await signedIn(browser, 'priya');
  const database = new DatabaseSnapshot();
  const fx = { developerRequestId: randomUUID() };
  const params = pathParams(fx);

  const check = async (category: string, name: string, send: () => Promise<Outcome>) => {
    const before = database.take();
    const outcome = await send();
    const changed = outcome.kind === 'allowed' ? [] : DatabaseSnapshot.changed(before, database.take());
    const ok = outcome.kind !== 'error' && changed.length === 0;
    const why =
      outcome.kind === 'error' ? `${outcome.status} ${outcome.detail}` : `refused (${outcome.kind}) but changed ${changed.join(', ')}`;
    log.record(category, name, ok, ok ? '' : why);
  };

  for (const [category, inputs] of Object.entries(BAD_INPUTS)) {
    for (const input of inputs as BadInput[]) {
      for (const endpoint of endpoints) {
        if (endpoint.kind === 'action' && endpoint.actionId) {
          const probe = EXPECTED[endpoint.key]?.args?.(fx) ?? [];
          for (const v of variants(probe.length ? probe : [''], input.value)) {
            await check(category, `${endpoint.key} ${v.where} ← ${input.name}`, async () =>
              classify(
                await callAction(
                  admin,
                  endpoint.path.replace(/\[[^\]]+\]/g, (s) => params[s] ?? 'x'),
                  endpoint.actionId!,
                  v.args,
                ),
                'action',
              ),
            );
          }
        } else if (endpoint.kind === 'route' || endpoint.path.includes('[')) {
          for (const v of urlVariants(endpoint, params, input.value)) {
            const body = endpoint.method === 'GET' ? undefined : asText(input.value);
            await check(category, `${endpoint.key} ${v.where} ← ${input.name}`, async () =>
              classify(await callUrl(admin, endpoint.method, v.url, body), endpoint.kind),
            );
          }
        }
      }
    }
  }
  database.close();
  log.save('corpus');
  expect(log.failures().map((f) => `[${f.category}] ${f.name}: ${f.detail}`)).toEqual([]);
});

test('a request for an app refuses every bad application id with its own message and writes nothing', async ({ browser }) => {
  const log = new CaseLog();
  const submit = listEndpoints().find((e) => e.key.endsWith('requests/actions.ts#submitRequestAction'))!;
  // Two developers who own none of these apps share the cases: each stays under the limit of 10 submissions per 10 minutes
  // (refused ones count too), which the admin used up in the corpus above.
  const callers = { ben: await signedIn(browser, 'ben'), olivia: await signedIn(browser, 'olivia') };
  const database = new DatabaseSnapshot();
  for (const [i, input] of CLIENT_SP_ID_INPUTS.entries()) {
    const who = i % 2 === 0 ? 'olivia' : 'ben';
    const before = database.take();
    const request = {
      apiId: 'orders',
      roleId: ORDERS_APP.roles['Orders.Read'],
      justification: 'The nightly sync reads every order.',
      clientSpId: input.value,
      submissionId: randomUUID(),
    };
    const { kind, status, detail } = await classify(await callAction(callers[who], submit.path, submit.actionId!, [request]), 'action');
    const changed = DatabaseSnapshot.changed(before, database.take());
    const ok = kind === 'refused' && detail.includes(input.refusal) && changed.length === 0;
    log.record(
      'application id',
      `submitRequestAction clientSpId ← ${input.name} (as ${who})`,
      ok,
      ok ? '' : `${kind} ${status} "${detail}"; changed: ${changed.join(', ') || 'nothing'}`,
    );
  }
  database.close();
  log.save('client-sp-id');
  expect(log.failures()).toEqual([]);
});

test('a justification with markup is stored as text and shown inert on the request page and in the approval queue', async ({ browser }) => {
  const log = new CaseLog();
  const markup = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b> ${randomUUID()}`;
  const submit = listEndpoints().find((e) => e.key.endsWith('requests/actions.ts#submitRequestAction'))!;
  const ben = await signedIn(browser, 'ben');
  const response = await callAction(ben, submit.path, submit.actionId!, [
    { apiId: 'payments', roleId: PAYMENTS_APP.roles['Payments.Refund'], justification: markup, submissionId: randomUUID() },
  ]);
  const result = actionResult(await response.text());
  const requestId = (result?.value as { requestId?: string } | undefined)?.requestId;
  expect(requestId, result?.error).toBeTruthy();

  const pages = [
    { user: 'ben' as const, path: `/requests/${requestId}` },
    { user: 'priya' as const, path: '/admin/requests' },
  ];
  for (const { user, path } of pages) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, user, path);
    await expect(page.getByText(markup).first()).toBeVisible();
    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      img: document.querySelectorAll('img[src="x"]').length,
      bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'bold').length,
    }));
    log.record(
      'markup rendered inert',
      `${path} as ${user}`,
      injected.pwned === null && injected.img === 0 && injected.bold === 0,
      JSON.stringify(injected),
    );
    await page.context().close();
  }
  log.save('inert');
  expect(log.failures()).toEqual([]);
});
