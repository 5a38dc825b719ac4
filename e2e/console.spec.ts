// Rule: the console calls the gateway as the signed-in user, shows the claims it used, explains a refusal with the missing role, and succeeds once the role is granted.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ORDERS_APP } from '../emulator/seed/demo-tenant';
import { EMULATOR_PORT } from './support/ports';
import { approveQueueItem } from './support/request-form';
import { pageAs, signIn } from './support/sign-in';

async function send(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('console-result')).toBeVisible({ timeout: 20_000 });
}

test('Ben creates an order from the API page’s Try it link: 200 from the echo backend, with the token’s Orders.Write shown', async ({
  page,
}) => {
  await signIn(page, 'ben', '/apis/orders');
  await page.locator('[data-operation-id="create-order"]').getByTestId('try-it').click();
  await expect(page).toHaveURL(/\/console\?api=orders&operation=create-order$/);
  await expect(page.getByText('Your roles allow this operation')).toBeVisible();
  await expect(page.getByLabel(/Request body/)).toHaveValue(/customerId/);

  await send(page);
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByTestId('response-body')).toContainText('"operationId": "create-order"');
  await expect(page.getByLabel('Claims of the token used')).toContainText('Orders.Write');
  await expect(page.getByLabel('Claims of the token used')).toContainText(ORDERS_APP.appId);

  const curl = page.getByTestId('curl');
  // The emulator's gateway listens three ports after its first (Entra, Graph, ARM, gateway).
  await expect(curl).toContainText(`curl -X POST 'https://localhost:${Number(EMULATOR_PORT) + 3}/orders/orders'`);
  await expect(curl).toContainText('Authorization: Bearer eyJ…<masked>');
  await page.getByRole('button', { name: 'Reveal' }).click();
  await expect(curl).not.toContainText('<masked>');
  await expect(curl).toContainText(/Authorization: Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+/);
});

/** Ada's standing on Orders.Read, read from her Orders API page. */
async function adaHoldsOrdersRead(page: Page): Promise<boolean> {
  await page.goto('/apis/orders');
  const role = page.getByTestId('app-role').filter({ hasText: 'Orders.Read' });
  await expect(role).toBeVisible();
  return (await role.textContent())?.includes('Held') ?? false;
}

/** Ada asks for Orders.Read through the request form (or finds her open request); returns the request id. */
async function requestOrdersRead(page: Page): Promise<string> {
  await page.goto(`/requests/new?api=orders&role=${ORDERS_APP.roles['Orders.Read']}`);
  const card = page.locator('[data-testid="requestable-role"][data-role="Orders.Read"]');
  const open = card.getByTestId('role-unavailable').getByRole('link');
  if (await open.isVisible()) return ((await open.getAttribute('href')) ?? '').split('/').pop() as string;
  await expect(card.getByRole('radio')).toBeChecked();
  await page.getByLabel('Justification').fill('Order lookups for the support dashboard I am building.');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop() as string;
}

async function approveAsOlivia(browser: Browser, requestId: string): Promise<void> {
  const page = await pageAs(browser, 'olivia', '/admin/requests');
  const item = page.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`);
  await expect(item).toContainText('Orders.Read');
  await approveQueueItem(item);
  await page.context().close();
}

test('Ada is refused list-orders with the missing role named and a Request access link; once approved, a fresh token gets 200', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'ada', '/apis/orders');
  const alreadyHeld = await adaHoldsOrdersRead(page);

  if (!alreadyHeld) {
    await page.goto('/console?api=orders&operation=list-orders');
    await expect(page.getByTestId('operation-not-allowed')).toBeVisible();
    await send(page);
    await expect(page.getByTestId('response-status')).toHaveText('403');
    const diagnosis = page.locator('[data-testid="diagnosis"][data-code="missing-role"]');
    await expect(diagnosis).toContainText('Orders.Read');
    const requestLink = page.getByRole('link', { name: 'Request access: Orders.Read' });
    await expect(requestLink).toHaveAttribute('href', `/requests/new?api=orders&role=${ORDERS_APP.roles['Orders.Read']}`);

    const requestId = await requestOrdersRead(page);
    await approveAsOlivia(browser, requestId);
    await expect.poll(() => adaHoldsOrdersRead(page), { timeout: 30_000, intervals: [1_000] }).toBe(true);
  } else {
    // Another spec already granted Orders.Read in this run: the refusal is still shown for an Admin-only operation.
    await page.goto('/console?api=orders&operation=purge-cancelled');
    await send(page);
    await expect(page.getByTestId('response-status')).toHaveText('403');
    await expect(page.locator('[data-testid="diagnosis"][data-code="missing-role"]')).toContainText('Orders.Admin');
  }

  await page.goto('/console?api=orders&operation=list-orders');
  await send(page);
  await expect(page.getByTestId('response-status')).toHaveText('200');
  await expect(page.getByLabel('Claims of the token used')).toContainText('Orders.Read');
});
