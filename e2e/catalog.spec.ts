// Sign-in through Entra, the catalog of seeded APIs, per-operation role requirements, admin-only navigation, sign-out.
import { expect, test } from '@playwright/test';
import { signIn, signOut } from './support/sign-in';

const SEEDED_APIS = ['Inventory API', 'Legacy Billing API', 'Orders API', 'Payments API', 'Status API'];

test('a developer signs in and sees exactly the seeded APIs', async ({ page }) => {
  await signIn(page, 'ada', '/apis');
  await expect(page).toHaveURL(/\/apis$/);
  const names = await page.getByTestId('api-card').getByRole('link').allTextContents();
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
