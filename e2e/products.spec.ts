// Rule: a developer subscribes to products in the portal (an open product at once, the Payments product after approval, alone
// or in one request with the Payments role), gets keys APIM enforces, copies and cancels them, calls the Payments API with role
// and key through the console, and a regenerated key retires the old one; a product's approver group decides its requests.
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { GROUPS, PAYMENTS_APP } from '../emulator/seed/demo-tenant';
import { APIM_SERVICE_PATH, emulatorConnection, portalArmToken } from './support/emulator-connection';
import { forgetRateLimits } from './support/forget-rate-limits';
import { approveQueueItem } from './support/request-form';
import { pageAs, signIn } from './support/sign-in';

// A refused submission counts against a person's 10 requests per 10 minutes (the request form is checked by its action),
// and the journeys before this one spend Ada's on purpose; this journey starts with fresh counts, as a person would later.
test.beforeAll(() => forgetRateLimits());

/** A demo user's subscriptions as ARM lists them (APIM user ids are the demo keys), read with Roleport's own app credential. */
async function subscriptionsInArm(
  request: APIRequestContext,
  user: 'ada' | 'olivia' = 'ada',
): Promise<{ name: string; properties: { scope: string; state: string } }[]> {
  const token = await portalArmToken(request);
  const response = await request.get(
    `${emulatorConnection().armEndpoint}${APIM_SERVICE_PATH}/users/${user}/subscriptions?api-version=2024-05-01`,
    {
      headers: { Authorization: `Bearer ${token}` },
    },
  );
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { value: { name: string; properties: { scope: string; state: string } }[] }).value;
}

/** A call straight to the gateway with only a subscription key: the answer says whether the key was accepted. */
async function gatewayWithKey(request: APIRequestContext, path: string, key: string) {
  const response = await request.get(`${emulatorConnection().gatewayUrl}${path}`, { headers: { 'Ocp-Apim-Subscription-Key': key } });
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

/** A product's subscription states in ARM for the user, polled until they settle on `states`. */
async function expectArmStates(request: APIRequestContext, user: 'ada' | 'olivia', productId: string, states: string[]) {
  await expect
    .poll(
      async () =>
        (await subscriptionsInArm(request, user))
          .filter((s) => s.properties.scope.endsWith(`/products/${productId}`))
          .map((s) => s.properties.state),
      { timeout: 30_000 },
    )
    .toEqual(states);
}

/** Other journeys in the run may have left the user's request for the role open: it is withdrawn, so this one asks afresh. */
async function withdrawOpenRequest(page: Page, formUrl: string, role: string): Promise<void> {
  await page.goto(formUrl);
  const view = page
    .locator(`[data-testid="requestable-role"][data-role="${role}"]`)
    .getByTestId('role-unavailable')
    .getByRole('link', { name: 'View the request' });
  if ((await view.count()) === 0) return;
  await view.click();
  await page.getByRole('button', { name: 'Cancel request' }).click();
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'cancelled');
  await page.goto(formUrl);
}

async function approveInQueue(
  browser: Browser,
  approver: 'olivia' | 'priya' | 'ben',
  role: string,
  requester = 'Ada Lovelace',
): Promise<void> {
  const page = await pageAs(browser, approver, '/admin/requests');
  await approveQueueItem(page.locator(`[data-testid="queue-item"][data-role="${role}"]`).filter({ hasText: requester }).first());
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
  // The page says so at once, or (once it has refreshed to the new state) where the caller's state is: an active
  // subscription reads "subscribed" there (load-products-page's stateFor).
  await expect(page.getByText(/You are subscribed to Starter|^being created$|^subscribed$/).first()).toBeVisible();

  const key = await revealPrimaryKey(page, 'starter');
  expect((await gatewayWithKey(request, '/status/health', key)).status).toBe(200);
  expect(page.url()).not.toContain(key);

  // Copy puts the revealed key on the clipboard and says so.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const starter = page.getByTestId('subscription-starter');
  await starter.getByRole('button', { name: 'Copy the primary key' }).click();
  await expect(starter.getByTestId('copied-state')).toHaveText('The primary key is on your clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

  // Cancelling ends it in APIM: ARM lists it cancelled, the gateway refuses its key, and it leaves My subscriptions.
  await starter.getByRole('button', { name: 'Cancel the subscription to Starter' }).click();
  await expectArmStates(request, 'ada', 'starter', ['cancelled']);
  expect((await gatewayWithKey(request, '/status/health', key)).status).toBe(401);
  await expect(async () => {
    await page.goto('/subscriptions');
    await expect(page.getByTestId('subscription-starter')).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
});

test('Ada asks for the Partners product and the Payments role, an admin and the owner approve, and the console calls Payments with both', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  await signIn(page, 'ada', '/apis/payments');
  await expect(page.getByText('Calls need an app role and a subscription key')).toBeVisible();

  // One request for both: the role, and (opted in on the same form) the Partners subscription with its terms.
  const form = `/requests/new?api=payments&role=${PAYMENTS_APP.roles['Payments.Read']}`;
  await withdrawOpenRequest(page, form, 'Payments.Read');
  await page.getByLabel('Justification').fill('Reading payments for the refund desk I am building.');
  await page.getByLabel('Also request a subscription to Partners').check();
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.getByText('Accept the terms of use of Partners to subscribe.')).toBeVisible();
  await page.getByLabel('I accept the terms of use of Partners').check();
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('request-part')).toHaveText('a subscription to Partners');

  await approveInQueue(browser, 'priya', 'Partners');
  await approveInQueue(browser, 'olivia', 'Payments.Read');
  await expectArmStates(request, 'ada', 'partners', ['active']);

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

test('An admin names the Partners approver group on the rules page; a member of it, not an admin, approves Olivia’s subscription', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  // Ben is the group's only member; he owns no app registration and is no admin.
  const group = GROUPS.inventoryReaders;
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'priya', '/admin/settings');
  const partners = admin.locator('[data-testid="product-approver"][data-product-id="partners"]');
  const save = async (value: string) => {
    await partners.getByLabel('Approver group (Entra object id)').fill(value);
    await partners.getByRole('button', { name: 'Save' }).click();
  };
  try {
    await save('inventory-readers');
    await expect(partners.getByTestId('action-message')).toHaveText(
      'The group id must be a GUID: the Object ID shown on the group’s page in Entra.',
    );
    const unknown = 'e7f1a3b5-0fff-4c2d-8e9f-000000000fff';
    await save(unknown);
    await expect(partners.getByTestId('action-message')).toHaveText(`There is no group with the id ${unknown} in Entra.`);
    await save(group.id);
    await expect(partners.getByTestId('product-approver-summary')).toHaveText(`portal admins and members of ${group.displayName}`);

    await signIn(page, 'olivia', '/products/partners');
    await page.getByLabel('I accept the terms of use of Partners').check();
    await page.getByLabel(/Why do you need it/).fill('Partner payouts for the orders team.');
    await page.getByRole('button', { name: 'Request a subscription' }).click();
    await expect(page.getByText(/Your request is waiting for an approver|^waiting for approval$/).first()).toBeVisible();

    await approveInQueue(browser, 'ben', 'Partners', 'Olivia Owens');
    await expectArmStates(request, 'olivia', 'partners', ['active']);

    // Who has what names each Partners holder and whether Roleport made the subscription.
    await admin.goto('/admin/access');
    const holders = admin.locator('[data-testid="access-product"][data-product-id="partners"] [data-testid="subscription-holder"]');
    await expect(holders.filter({ hasText: 'Olivia Owens' })).toHaveAttribute('data-source', 'roleport');
    await expect(holders.filter({ hasText: 'Olivia Owens' }).getByTestId('holder-state')).toHaveText('active');
    await expect(holders.filter({ hasText: 'ben@' })).toHaveAttribute('data-source', 'outside');
  } finally {
    // Later journeys meet Ben as a developer who approves nothing.
    await admin.goto('/admin/settings');
    await save('');
    await expect(partners.getByTestId('product-approver-summary')).toHaveText('portal admins');
    await admin.context().close();
  }
});
