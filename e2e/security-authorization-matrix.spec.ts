// Rule: every page, route handler and server action in the tree answers each role as the one table in e2e/security/expected-outcomes.ts says.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { PAYMENTS_APP } from '../emulator/seed/demo-tenant';
import { actionResult, callAction, callUrl, classify, type Outcome } from './security/call-endpoint';
import { CaseLog } from './security/case-log';
import { EXPECTED, pathParams, type Expected, type Fixtures } from './security/expected-outcomes';
import { ROLES, openRoleSessions, type Role } from './security/role-sessions';
import { listEndpoints, type Endpoint } from './security/route-inventory';
import { forgetRateLimits } from './support/forget-rate-limits';

test.describe.configure({ timeout: 600_000 });
// This spec spends the per-person limits on purpose; the journeys after it start with fresh counts.
test.afterAll(() => forgetRateLimits());

function matches(outcome: Outcome, expected: Expected): boolean {
  if (expected.startsWith('refused: ')) return outcome.kind === 'refused' && outcome.detail.includes(expected.slice('refused: '.length));
  if (expected.startsWith('redirect: ')) return outcome.kind === 'redirect' && outcome.detail === expected.slice('redirect: '.length);
  return outcome.kind === expected;
}

function fill(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[[^\]]+\]/g, (segment) => encodeURIComponent(params[segment] ?? 'x').replace(/%2F/g, '/'));
}

/** A pending role request of the developer's on Payments: Payments.Read, or another Payments role when earlier specs left that one held. */
async function developerRequest(developer: APIRequestContext, submit: Endpoint): Promise<string> {
  const refusals: string[] = [];
  for (const role of ['Payments.Read', 'Payments.Refund', 'Payments.Admin'] as const) {
    const response = await callAction(developer, submit.path, submit.actionId!, [
      {
        apiId: 'payments',
        roleId: PAYMENTS_APP.roles[role],
        justification: 'Payment reconciliation report for the finance team.',
        submissionId: randomUUID(),
      },
    ]);
    const result = actionResult(await response.text());
    const created = (result?.value as { requestId?: string } | undefined)?.requestId;
    if (created) return created;
    refusals.push(String(result?.error ?? response.status()));
  }
  // Already open from an earlier spec: find that pending Payments request on the developer's own list.
  const list = await (await developer.get('/requests')).text();
  for (const [, id] of list.matchAll(/\/requests\/([0-9a-f-]{36})/g)) {
    const page = await (await developer.get(`/requests/${id}`)).text();
    if (/Payments\.(Read|Refund|Admin)/.test(page) && page.includes('data-status="pending"')) return id as string;
  }
  throw new Error(`No pending request to probe with: ${refusals.join('; ')}`);
}

async function call(endpoint: Endpoint, request: APIRequestContext, fx: Fixtures): Promise<Outcome> {
  const url = fill(endpoint.path, pathParams(fx));
  const args = EXPECTED[endpoint.key]?.args?.(fx) ?? [];
  if (endpoint.kind === 'action') return classify(await callAction(request, url, endpoint.actionId!, args), 'action');
  return classify(await callUrl(request, endpoint.method, url), endpoint.kind);
}

test('the authorization matrix: every endpoint × every role answers as the table says', async ({ browser }) => {
  const endpoints = listEndpoints();
  const log = new CaseLog();
  const keys = new Set(endpoints.map((e) => e.key));
  for (const endpoint of endpoints) {
    log.record('matrix: in the table', endpoint.key, endpoint.key in EXPECTED, 'missing from e2e/security/expected-outcomes.ts');
    if (endpoint.kind === 'action') log.record('matrix: in the build', endpoint.key, Boolean(endpoint.actionId), 'no id in the manifest');
  }
  for (const key of Object.keys(EXPECTED)) log.record('matrix: in the tree', key, keys.has(key), 'in the table, not in the tree');

  const sessions = await openRoleSessions(browser);
  const submit = endpoints.find((e) => e.key.endsWith('requests/actions.ts#submitRequestAction'))!;
  const fx: Fixtures = { developerRequestId: await developerRequest(sessions.developer, submit) };

  // Signing out ends the session every other case runs in: it goes last.
  const ordered = [...endpoints].sort((a, b) => Number(a.key.endsWith('#signOutAction')) - Number(b.key.endsWith('#signOutAction')));
  for (const endpoint of ordered) {
    const row = EXPECTED[endpoint.key];
    if (!row || (endpoint.kind === 'action' && !endpoint.actionId)) continue;
    for (const role of ROLES as readonly Role[]) {
      const outcome = await call(endpoint, sessions[role], fx);
      const ok = matches(outcome, row.expect[role]);
      log.record(
        `matrix: ${endpoint.kind}s`,
        `${endpoint.key} as ${role}`,
        ok,
        `expected ${row.expect[role]}, got ${outcome.kind} ${outcome.status} ${outcome.detail}`,
      );
    }
  }
  log.save('matrix');
  expect(log.failures().map((f) => `${f.name}: ${f.detail}`)).toEqual([]);
});
