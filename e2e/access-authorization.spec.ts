// Rule: approvals and requests are gated in the data layer: no self-approval (even for an owner), no one else's request, no admin pages or audit export for developers.
import { expect, test, type Page } from '@playwright/test';
import { PORTAL_PORT as PORT } from './support/ports';
import { pageAs, signIn } from './support/sign-in';

/** The id of the signed-in user's open request for `roleValue`, submitting one if there is none yet. */
async function openRequest(page: Page, apiId: string, roleValue: string, justification: string): Promise<string> {
  await page.goto(`/requests/new?api=${apiId}`);
  const card = page.locator(`[data-testid="requestable-role"][data-role="${roleValue}"]`);
  const existing = card.getByRole('link', { name: 'View the request' });
  if (await existing.isVisible()) return ((await existing.getAttribute('href')) ?? '').split('/').pop() as string;
  await card.getByRole('radio').check();
  await page.locator('textarea[name="justification"]').fill(justification);
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop() as string;
}

test('a developer cannot open the approval queue', async ({ page }) => {
  await signIn(page, 'ada', '/admin/requests');
  await expect(page).toHaveURL(/\/forbidden$/);
});

test('an owner cannot approve her own request: the queue does not offer it and a forced approval is refused', async ({ page, browser }) => {
  await signIn(page, 'olivia', '/');
  const own = await openRequest(page, 'orders', 'Orders.Admin', 'Cleaning up test orders in the staging tenant.');
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'pending');
  await expect(page.getByTestId('decision-form')).toHaveCount(0);

  const ada = await pageAs(browser, 'ada', '/');
  const adas = await openRequest(ada, 'payments', 'Payments.Refund', 'Refunds for the customer support tool.');
  await ada.context().close();

  await page.goto('/admin/requests');
  await expect(page.locator(`[data-testid="queue-item"][data-request-id="${adas}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="queue-item"][data-request-id="${own}"]`)).toHaveCount(0);

  // Force it: Olivia clicks Approve on Ada's request, and the action is sent with her own request's id instead.
  await page.route(
    (url) => url.pathname === '/admin/requests',
    async (route) => {
      const request = route.request();
      if (request.method() !== 'POST' || !request.headers()['next-action']) return route.continue();
      return route.continue({ postData: (request.postData() ?? '').replaceAll(adas, own) });
    },
  );
  const item = page.locator(`[data-testid="queue-item"][data-request-id="${adas}"]`);
  await item.getByRole('button', { name: /^Approve/ }).click();
  await expect(item.getByTestId('action-message')).toHaveText('You cannot approve your own request.');
  await page.unroute((url) => url.pathname === '/admin/requests');

  await page.goto(`/requests/${own}`);
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'pending');
  await page.goto('/admin/requests');
  await expect(page.locator(`[data-testid="queue-item"][data-request-id="${adas}"]`)).toBeVisible();
});

test("another developer's request URL is a 404, not their data", async ({ page, browser }) => {
  const justification = 'Payment reconciliation report for finance.';
  await signIn(page, 'ada', '/');
  const adas = await openRequest(page, 'payments', 'Payments.Read', justification);

  const ben = await pageAs(browser, 'ben', '/');
  const response = await ben.goto(`/requests/${adas}`);
  expect(response?.status()).toBe(404);
  await expect(ben.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(ben.getByText(justification)).toHaveCount(0);
  await ben.context().close();
});

test('the audit CSV export is a same-site POST: 401 signed out, 403 to a developer, CSV to an admin, never a GET', async ({
  page,
  browser,
  playwright,
}) => {
  const origin = { origin: `http://localhost:${PORT}` };
  const anonymous = await playwright.request.newContext({ baseURL: `http://localhost:${PORT}` });
  const signedOut = await anonymous.post('/api/admin/audit-export', { headers: origin });
  expect(signedOut.status()).toBe(401);
  expect(await signedOut.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  await anonymous.dispose();

  await signIn(page, 'ada', '/');
  const forbidden = await page.request.post('/api/admin/audit-export', { headers: origin });
  expect(forbidden.status()).toBe(403);
  expect(await forbidden.json()).toEqual({ error: { code: 'forbidden', message: 'Only a portal admin can export the audit log.' } });

  const priya = await pageAs(browser, 'priya', '/admin/audit');
  await expect(priya.getByTestId('audit-chain')).toHaveAttribute('data-ok', 'true');
  // Taking a copy is recorded in the log, so a GET (a link, a prefetch, an <img> on another site) cannot do it.
  expect((await priya.request.get('/api/admin/audit-export')).status()).toBe(405);
  const crossSite = await priya.request.post('/api/admin/audit-export', { headers: { origin: 'https://evil.example' } });
  expect(crossSite.status()).toBe(403);
  const csv = await priya.request.post('/api/admin/audit-export', { headers: origin });
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(
    (await csv.text()).startsWith('seq,at,actor_oid,actor_name,action,subject_type,subject_id,before,after,data,prev_hash,hash\r\n'),
  ).toBe(true);
  // The audit page's button downloads the file.
  const download = priya.waitForEvent('download');
  await priya.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^roleport-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  await priya.context().close();
});
