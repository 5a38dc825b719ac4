// Rule: a developer subscribes to products in the portal (an open product at once, the Payments product after approval), gets
// keys APIM enforces, calls the Payments API with role and key through the console, and a regenerated key retires the old one.
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { APIM, PAYMENTS_APP } from '../emulator/seed/demo-tenant';
import { signIn } from './support/sign-in';

interface EmulatorConnection {
  authorityHost: string;
  tenantId: string;
  gatewayUrl: string;
  armEndpoint: string;
  portal: { clientId: string; clientSecret: string };
}

const emulator = () => JSON.parse(readFileSync('.local/emulator-e2e.json', 'utf8')) as EmulatorConnection;
const SERVICE = `/subscriptions/${APIM.subscriptionId}/resourceGroups/${APIM.resourceGroup}/providers/Microsoft.ApiManagement/service/${APIM.serviceName}`;

/** Ada's subscriptions as ARM lists them, read with Roleport's own app credential. */
async function adaSubscriptionsInArm(
  request: APIRequestContext,
): Promise<{ name: string; properties: { scope: string; state: string } }[]> {
  const e = emulator();
  const tokenResponse = await request.post(`${e.authorityHost}/${e.tenantId}/oauth2/v2.0/token`, {
    form: {
      grant_type: 'client_credentials',
      client_id: e.portal.clientId,
      client_secret: e.portal.clientSecret,
      scope: 'https://management.azure.com/.default',
    },
  });
  const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
  const response = await request.get(`${e.armEndpoint}${SERVICE}/users/ada/subscriptions?api-version=2024-05-01`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { value: { name: string; properties: { scope: string; state: string } }[] }).value;
}

/** A call straight to the gateway with only a subscription key: the answer says whether the key was accepted. */
async function gatewayWithKey(request: APIRequestContext, path: string, key: string) {
  const response = await request.get(`${emulator().gatewayUrl}${path}`, { headers: { 'Ocp-Apim-Subscription-Key': key } });
  return { status: response.status(), body: await response.text() };
}

/** Reveals the keys of the subscription to `productId` on My subscriptions and returns the primary one. */
async function revealPrimaryKey(page: Page, productId: string): Promise<string> {
  await page.goto('/subscriptions');
  const item = page.getByTestId(`subscription-${productId}`);
  await expect(item.getByTestId('subscription-state')).toHaveText('active', { timeout: 20_000 });
  await expect(item.getByTestId('primary-key')).toHaveText(/^•+$/);
  await item.getByRole('button', { name: 'Reveal keys' }).click();
  await expect(item.getByTestId('primary-key')).toHaveText(/^[0-9a-f]{32}$/);
  return (await item.getByTestId('primary-key').textContent()) as string;
}

async function approveInQueue(browser: Browser, approver: 'olivia' | 'priya', role: string): Promise<void> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, approver, '/admin/requests');
  const item = page.locator(`[data-testid="queue-item"][data-role="${role}"]`).filter({ hasText: 'Ada Lovelace' }).first();
  await item.getByRole('button', { name: /^Approve/ }).click();
  await expect(async () => {
    const gone = (await item.count()) === 0;
    const messages = gone ? [] : await item.getByTestId('action-message').allTextContents();
    expect(gone || messages.some((m) => m.includes('Approved'))).toBe(true);
  }).toPass({ timeout: 10_000 });
  await page.context().close();
}

test('Ada subscribes to the open Starter product and gets a key the gateway accepts at once', async ({ page, request }) => {
  await signIn(page, 'ada', '/products');
  await expect(page.getByTestId('product-starter')).toContainText('granted at once');
  await expect(page.getByTestId('product-partners')).toContainText('needs approval');
  await expect(page.getByTestId('product-billing-preview')).toHaveCount(0);
  await page.getByRole('link', { name: 'Starter' }).click();
  await expect(page.getByTestId('product-terms')).toContainText('do not call more than 10 times per second');

  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByText('Accept the terms of use of Starter to subscribe.')).toBeVisible();
  await page.getByLabel('I accept the terms of use of Starter').check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByText('You are subscribed to Starter')).toBeVisible();

  const key = await revealPrimaryKey(page, 'starter');
  expect((await gatewayWithKey(request, '/status/health', key)).status).toBe(200);
  expect(page.url()).not.toContain(key);
});

test('Ada asks for the Partners product and the Payments role, an admin and the owner approve, and the console calls Payments with both', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'ada', '/apis/payments');
  await expect(page.getByText('Calls need an app role and a subscription key')).toBeVisible();
  await page.getByTestId('api-products').getByRole('link', { name: 'Partners' }).click();
  await page.getByLabel('I accept the terms of use of Partners').check();
  await page.getByLabel(/Why do you need it/).fill('Refunds for the support desk.');
  await page.getByRole('button', { name: 'Request a subscription' }).click();
  // The page says so at once, or (once it has refreshed to the new state) where the caller's state is.
  await expect(page.getByText(/Your request is waiting for an approver|^waiting for approval$/).first()).toBeVisible();

  await page.goto(`/requests/new?api=payments&role=${PAYMENTS_APP.roles['Payments.Read']}`);
  const card = page.locator('[data-testid="requestable-role"][data-role="Payments.Read"]');
  if (!(await card.getByTestId('role-unavailable').isVisible())) {
    await page.getByLabel('Justification').fill('Reading payments for the refund desk I am building.');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  }

  await approveInQueue(browser, 'priya', 'Partners');
  await approveInQueue(browser, 'olivia', 'Payments.Read');

  await expect
    .poll(
      async () =>
        (await adaSubscriptionsInArm(request))
          .filter((s) => s.properties.scope.endsWith('/products/partners'))
          .map((s) => s.properties.state),
      {
        timeout: 30_000,
      },
    )
    .toEqual(['active']);

  const oldKey = await revealPrimaryKey(page, 'partners');
  await page.goto('/console?api=payments&operation=list-payments');
  await expect(async () => {
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('response-status')).toHaveText('200', { timeout: 10_000 });
  }).toPass({ timeout: 60_000 });

  await page.goto('/subscriptions');
  const partners = page.getByTestId('subscription-partners');
  await partners.getByRole('button', { name: 'Regenerate primary' }).click();
  await expect(partners.getByText('A new primary key is in force')).toBeVisible();
  const refused = await gatewayWithKey(request, '/payments/payments', oldKey);
  expect(refused.status).toBe(401);
  expect(refused.body).toContain('invalid subscription key');
  const newKey = await revealPrimaryKey(page, 'partners');
  expect(newKey).not.toBe(oldKey);
  // The new key passes the key check: the gateway now asks for the token instead.
  expect((await gatewayWithKey(request, '/payments/payments', newKey)).body).not.toContain('subscription key');

  await page.goto('/console?api=payments&operation=list-payments');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('200', { timeout: 20_000 });
});
