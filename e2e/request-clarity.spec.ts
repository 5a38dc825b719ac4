// Rule: a person sees where they stand before asking, the form shows roles and lengths the rule allows at once, and approvers see what they grant and to whom.
import { expect, test, type Page } from '@playwright/test';
import { roleCard, submitRequest } from './support/request-form';
import { pageAs, signIn } from './support/sign-in';

async function cancel(page: Page, requestId: string): Promise<void> {
  await page.goto(`/requests/${requestId}`);
  await page.getByRole('button', { name: 'Cancel request' }).click();
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'cancelled');
}

test('choosing an API shows its roles and what each opens at once; the API page then shows the pending request where the button was', async ({
  page,
}) => {
  await signIn(page, 'ben', '/requests/new');
  await expect(page.getByRole('button', { name: 'Show roles' })).toHaveCount(0);
  await page.getByRole('combobox', { name: /^API/ }).selectOption({ label: 'Payments API' });
  await expect(page).toHaveURL(/\/requests\/new\?api=payments$/);
  await expect(roleCard(page, 'Payments.Refund').getByTestId('role-allows')).toContainText('POST');
  await expect(roleCard(page, 'Payments.Refund').getByTestId('approval-path')).toHaveText('Needs one approval');

  // The default rule caps grants at 90 days: the choices stop there, and a date is offered up to that day.
  await roleCard(page, 'Payments.Refund').getByRole('radio').check();
  const duration = page.getByRole('combobox', { name: 'Duration' });
  await expect(duration.getByRole('option')).toHaveText(['7 days', '30 days', '90 days', 'Until a date…']);
  await duration.selectOption('Until a date…');
  const endDate = page.getByLabel(/End date/);
  const max = await endDate.getAttribute('max');
  expect(Math.round((Date.parse(max ?? '') - Date.parse(new Date().toISOString().slice(0, 10))) / 86_400_000)).toBe(90);
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await endDate.fill(inTwoWeeks);
  const requestId = await submitRequest(page, 'Payments.Refund', 'Refunds for the support desk, for a two-week pilot.');
  await expect(page.getByTestId('request-duration')).toHaveText('14 days');

  await page.goto('/apis/payments');
  const role = page.getByTestId('app-role').filter({ hasText: 'Payments.Refund' });
  await expect(role.getByTestId('request-state')).toContainText('Your request is waiting for approval');
  await expect(role.getByRole('link', { name: 'Request access' })).toHaveCount(0);
  await role.getByRole('link', { name: 'View your request' }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${requestId}$`));
  await cancel(page, requestId);
});

test('a rule with no maximum offers no end date and a year; the request records no end', async ({ page, browser }) => {
  const priya = await pageAs(browser, 'priya', '/admin/settings');
  const payments = priya.locator('[data-testid="rules-api"][data-api-id="payments"]');
  const addRule = payments.getByRole('form', { name: 'Add a rule' });
  await addRule.getByLabel('Applies to').selectOption('Payments.Read');
  await addRule.getByLabel('Maximum days (blank: no limit)').fill('');
  await addRule.getByRole('button', { name: 'Add rule' }).click();
  const rule = payments.locator('[data-testid="approval-rule"][data-role="Payments.Read"]');
  await expect(rule).toBeVisible();
  try {
    await signIn(page, 'ben', '/requests/new?api=payments');
    await roleCard(page, 'Payments.Read').getByRole('radio').check();
    const duration = page.getByRole('combobox', { name: 'Duration' });
    await expect(duration.getByRole('option')).toHaveText(['7 days', '30 days', '90 days', '365 days', 'No end date', 'Until a date…']);
    await duration.selectOption('No end date');
    const requestId = await submitRequest(page, 'Payments.Read', 'Settlement reports for finance, needed for as long as I run them.');
    await expect(page.getByTestId('request-duration')).toHaveText('No end date');
    await cancel(page, requestId);
  } finally {
    await priya.getByRole('button', { name: 'Delete the rule for Payments.Read' }).click();
    await expect(rule).toHaveCount(0);
    await priya.context().close();
  }
});

test('the approval queue says what the requester already holds, and an owner’s own request is said to wait for someone else', async ({
  browser,
}) => {
  const ben = await pageAs(browser, 'ben', '/requests/new?api=orders');
  const bens = await submitRequest(ben, 'Orders.Admin', 'Purging cancelled orders for the data retention job.');
  const olivia = await pageAs(browser, 'olivia', '/requests/new?api=payments');
  const olivias = await submitRequest(olivia, 'Payments.Refund', 'Refunds for the payments team I own the API for.');
  try {
    await olivia.goto('/admin/requests');
    const item = olivia.locator(`[data-testid="queue-item"][data-request-id="${bens}"]`);
    await expect(item.getByTestId('role-allows')).toContainText('/admin/purge');
    await expect(item.getByTestId('requester-holds')).toContainText('Ben Okafor already holds Orders.Write (directly)');
    await expect(olivia.locator(`[data-testid="queue-item"][data-request-id="${olivias}"]`)).toHaveCount(0);
    // Earlier journeys may have left Olivia other requests of her own: this one is named among them.
    await expect(olivia.getByTestId('own-waiting')).toContainText('Payments.Refund on Payments API');
    await expect(olivia.getByTestId('own-waiting')).toContainText(/waits? for another approver/);
  } finally {
    await cancel(ben, bens);
    await cancel(olivia, olivias);
    await ben.context().close();
    await olivia.context().close();
  }
});

test('who has what keeps its search in the URL and counts what it shows', async ({ page }) => {
  await signIn(page, 'priya', '/admin/access');
  await page.getByRole('searchbox', { name: 'Person or role' }).fill('Orders.Write');
  await page.getByRole('combobox', { name: 'API' }).selectOption('orders');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/\/admin\/access\?q=Orders\.Write&api=orders$/);
  // Assignments made outside Roleport are listed once the portal's first reconciliation has read them from Entra; a
  // journey run first on a fresh portal may arrive before that, so the reload is repeated until they are there.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Person or role' })).toHaveValue('Orders.Write');
    await expect(page.getByRole('combobox', { name: 'API' })).toHaveValue('orders');
    await expect(page.getByTestId('access-count')).toContainText(/ across 1 API matching the filters$/, { timeout: 2_000 });
    await expect(page.locator('[data-testid="external-assignment"]').filter({ hasText: 'Ben Okafor' })).toContainText('Orders.Write', {
      timeout: 2_000,
    });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('access-api')).toHaveCount(1);
  await expect(page.getByTestId('access-api').first()).toHaveAttribute('data-api-id', 'orders');
});
