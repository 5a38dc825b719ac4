// Sign-in through Entra, the catalog of seeded APIs, per-operation role requirements, admin-only navigation, sign-out.
import { expect, test } from '@playwright/test';
import { signIn, signOut } from './support/sign-in';

// Shipments v1 and v2 are versions of one API: one entry.
const SEEDED_APIS = [
  'Deliveries API',
  'Inventory API',
  'Legacy Billing API',
  'Orders API',
  'Payments API',
  'Shipments API',
  'Status API',
  'Stock Alerts API',
];

test('a developer signs in and sees exactly the seeded APIs', async ({ page }) => {
  await signIn(page, 'ada', '/apis');
  await expect(page).toHaveURL(/\/apis$/);
  const names = await page.getByTestId('api-name').allTextContents();
  expect(names.sort()).toEqual(SEEDED_APIS);
});

test('an API page shows the role each operation requires, as seeded in policy', async ({ page }) => {
  await signIn(page, 'ada', '/apis/orders');
  const deleteOrder = page.locator('[data-operation-id="delete-order"]');
  await expect(deleteOrder.getByTestId('required-roles')).toContainText('Orders.Write');
  await expect(deleteOrder.getByTestId('required-roles')).toContainText('Orders.Admin');
  const listOrders = page.locator('[data-operation-id="list-orders"]');
  await expect(listOrders.getByTestId('required-roles')).toContainText('Orders.Read');
  await expect(
    page.getByTestId('app-role').filter({ hasText: 'Orders.Admin' }).getByRole('link', { name: 'Request access' }),
  ).toBeVisible();
});

test('versions of one API show as one entry with a version switcher, and the console calls the version on screen', async ({ page }) => {
  await signIn(page, 'ben', '/apis');
  const card = page.getByTestId('api-card').filter({ hasText: 'Shipments API' });
  await expect(card.getByTestId('api-versions').getByRole('link')).toHaveText(['v1', 'v2']);
  await card.getByTestId('api-versions').getByRole('link', { name: 'v1' }).click();
  await expect(page).toHaveURL(/\/apis\/shipments-v1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shipments API (v1)');
  await expect(page.locator('[data-operation-id="get-tracking"]')).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Versions' }).getByRole('link', { name: 'v2' }).click();
  await expect(page).toHaveURL(/\/apis\/shipments-v2$/);
  await expect(page.getByTestId('gateway-base-url')).toHaveText(/\/shipping\/v2$/);
  await expect(page.getByTestId('api-version')).toContainText('path segment /v2');
  await page.locator('[data-operation-id="get-tracking"]').getByTestId('try-it').click();
  await page.getByRole('group', { name: 'Path parameters' }).getByRole('textbox').fill('shp-1');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('200', { timeout: 20_000 });
  await expect(page.getByTestId('response-body')).toContainText('"apiId": "shipments-v2"');
  await expect(page.getByTestId('curl')).toContainText('/shipping/v2/shipments/shp-1/tracking');
});

test('a role held through a group is shown as such', async ({ page }) => {
  await signIn(page, 'ben', '/apis/inventory');
  // Graph lists the group's assignment among Ben's own; it is the group's, so it is not shown as held directly.
  const role = page.getByTestId('app-role').filter({ hasText: 'Inventory.Read' });
  await expect(role.getByText(/^Held /)).toHaveText('Held through the group Inventory Readers');
});

test('the admin sees admin navigation and the developer does not', async ({ page, browser }) => {
  await signIn(page, 'priya');
  await expect(page.getByRole('list', { name: 'Admin' })).toBeVisible();
  const other = await browser.newPage();
  await signIn(other, 'ada');
  await expect(other.getByRole('list', { name: 'Admin' })).toHaveCount(0);
  await other.close();
});

test('sign-out ends the session; a signed-out visit returns to the page after sign-in', async ({ page }) => {
  await signIn(page, 'ada');
  await signOut(page);
  await page.goto('/apis/orders');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fapis%2Forders/);
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await page.getByRole('button', { name: /Ada Lovelace/ }).click();
  await expect(page).toHaveURL(/\/apis\/orders$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Orders API' })).toBeVisible();
});
