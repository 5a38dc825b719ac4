// Rule: a developer's request reaches the API's owner, is decided in the portal, becomes active within seconds, and the next token carries the role; requester text stays text.
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { USERS, type DemoUserKey } from '../emulator/seed/demo-tenant';
import { tokenClaims, userToken } from './support/emulator-connection';
import { roleCard, submitRequest } from './support/request-form';
import { pageAs, signIn } from './support/sign-in';

/** The `roles` claim of a fresh token for `user` (ROPC against the emulated Entra). */
async function rolesInNewToken(request: APIRequestContext, user: DemoUserKey, scope: string): Promise<string[]> {
  return (tokenClaims(await userToken(request, user, scope)).roles as string[] | undefined) ?? [];
}

async function approveAs(
  browser: Browser,
  approver: DemoUserKey,
  requestId: string,
  roleValue: string,
  justification: string,
): Promise<void> {
  const page = await pageAs(browser, approver, '/admin/requests');
  const item = page.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`);
  await expect(item).toContainText(`${USERS.ada.displayName}`);
  await expect(item).toContainText(roleValue);
  await expect(item.getByTestId('justification')).toHaveText(justification);
  await expect(item.getByTestId('role-allows')).toBeVisible();
  // A rejection needs a note: the action refuses it with its schema's message, and the request stays to be decided.
  await item.getByRole('button', { name: /^Reject/ }).click();
  await expect(item).toContainText('Say why you reject the request; the requester will read it.');
  await item.getByRole('button', { name: /^Approve/ }).click();
  await expect(page.locator(`[data-testid="decision-notice"][data-request-id="${requestId}"]`)).toContainText(`You approved ${roleValue}`);
  await expect(item).toHaveCount(0);
  await page.context().close();
}

test('Ada requests Inventory.Write from its API page, Priya approves, and the role is active and in the next token', async ({
  page,
  browser,
  request,
}) => {
  await signIn(page, 'ada', '/apis/inventory');
  await page.getByTestId('app-role').filter({ hasText: 'Inventory.Write' }).getByRole('link', { name: 'Request access' }).click();
  await expect(page).toHaveURL(/\/requests\/new\?api=inventory&role=/);
  await expect(roleCard(page, 'Inventory.Write').getByRole('radio')).toBeChecked();
  await expect(roleCard(page, 'Inventory.Write').getByTestId('approval-path')).toHaveText('Needs one approval');
  await expect(roleCard(page, 'Inventory.Write').getByTestId('role-allows')).toContainText('POST');

  const justification = 'Restocking job for the warehouse integration needs to write stock levels.';
  const requestId = await submitRequest(page, 'Inventory.Write', justification);
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'pending');
  await expect(page.locator('[data-action="request.submitted"]')).toBeVisible();

  await approveAs(browser, 'priya', requestId, 'Inventory.Write', justification);

  await page.reload();
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'active', { timeout: 15_000 });
  await expect(page.locator('[data-action="request.approved"]')).toContainText('Priya Natarajan');
  await expect(page.locator('[data-action="request.activated"]')).toBeVisible();

  await page.goto('/apis/inventory');
  await expect(page.getByTestId('app-role').filter({ hasText: 'Inventory.Write' })).toContainText('Held directly');
  expect(await rolesInNewToken(request, 'ada', 'api://contoso-inventory/.default')).toContain('Inventory.Write');

  await page.goto('/requests/new?api=inventory');
  await expect(roleCard(page, 'Inventory.Write').getByTestId('role-unavailable')).toContainText('You already hold this role.');
  await expect(roleCard(page, 'Inventory.Write').getByRole('radio')).toBeDisabled();
});

test('Ada requests Orders.Read, Olivia (owner of Orders) approves, and the Orders token carries it', async ({ page, browser, request }) => {
  await signIn(page, 'ada', '/requests/new?api=orders');
  // Another spec may already have given Ada this role in this run; then there is nothing left to prove here.
  test.skip(
    await roleCard(page, 'Orders.Read').getByTestId('role-unavailable').isVisible(),
    'Ada already holds or requested Orders.Read in this run',
  );
  const justification = 'Order history dashboard for the support team.';
  const requestId = await submitRequest(page, 'Orders.Read', justification);

  await approveAs(browser, 'olivia', requestId, 'Orders.Read', justification);

  await page.reload();
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'active', { timeout: 15_000 });
  await page.goto('/apis/orders');
  await expect(page.getByTestId('app-role').filter({ hasText: 'Orders.Read' })).toContainText('Held directly');
  expect(await rolesInNewToken(request, 'ada', 'api://contoso-orders/.default')).toContain('Orders.Read');
});

test('script in a justification is shown as text, a replayed post makes no second request, and the requester can cancel', async ({
  page,
  browser,
}) => {
  let injected = false;
  page.on('dialog', async (dialog) => {
    injected = true;
    await dialog.dismiss();
  });
  await signIn(page, 'ada', '/requests/new?api=inventory');
  await roleCard(page, 'Inventory.Admin').getByRole('radio').check();
  await page.locator('textarea[name="justification"]').fill('too short');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.getByText('Explain in at least 10 characters why you need this role.')).toBeVisible();
  await expect(page).toHaveURL(/\/requests\/new/);

  const justification =
    '<script>window.__owned = 1; alert(1)</script><img src=x onerror="window.__owned = 2; alert(2)"> & "quotes" for the audit';
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.headers()['next-action'] !== undefined);
  const requestId = await submitRequest(page, 'Inventory.Admin', justification);
  const post = await posted;

  await expect(page.getByTestId('justification')).toHaveText(justification);
  expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();

  // The same form posted again (same submission id) answers with the first request, not a new one.
  const headers = post.headers();
  const replay = await page.request.post(post.url(), {
    headers: {
      'next-action': headers['next-action'] ?? '',
      'next-router-state-tree': headers['next-router-state-tree'] ?? '',
      'content-type': headers['content-type'] ?? 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
    },
    data: post.postData() ?? '',
  });
  expect(replay.ok()).toBe(true);
  expect(await replay.text()).toContain(requestId);
  await page.goto('/requests');
  await expect(page.getByTestId('my-request').filter({ hasText: 'Inventory.Admin' })).toHaveCount(1);

  const priya = await pageAs(browser, 'priya', '/admin/requests');
  const item = priya.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`);
  await expect(item.getByTestId('justification')).toHaveText(justification);
  expect(await priya.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
  await priya.context().close();

  await page.goto(`/requests/${requestId}`);
  await page.getByRole('button', { name: 'Cancel request' }).click();
  await expect(page.getByTestId('action-message')).toHaveText('The request is cancelled.');
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.locator('[data-action="request.cancelled"]')).toBeVisible();
  expect(injected).toBe(false);
});

test('an admin sets an auto-approve rule, sees the grant beside assignments made outside Roleport, and revokes it', async ({
  page,
  browser,
}) => {
  const priya = await pageAs(browser, 'priya', '/admin/settings');
  const payments = priya.locator('[data-testid="rules-api"][data-api-id="payments"]');
  await expect(payments).toContainText('one approval stage, at most 90 days (defaults)');
  const addRule = payments.getByRole('form', { name: 'Add a rule' });
  await addRule.getByLabel('Applies to').selectOption('Payments.Admin');
  await addRule.getByLabel('Auto-approve').check();
  await addRule.getByRole('button', { name: 'Add rule' }).click();
  await expect(payments.locator('[data-testid="approval-rule"][data-role="Payments.Admin"]')).toContainText(
    'auto-approved, at most 90 days',
  );

  await signIn(page, 'ada', '/requests/new?api=payments');
  await expect(roleCard(page, 'Payments.Admin').getByTestId('approval-path')).toHaveText('Approved automatically');
  const requestId = await submitRequest(page, 'Payments.Admin', 'Settlement reconciliation needs the admin endpoints.');
  // No reload: the page refreshes itself while the grant is provisioned.
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'active', { timeout: 15_000 });
  await expect(page.locator('[data-action="request.auto_approved"]')).toBeVisible();

  await priya.goto('/admin/access');
  // The page shows the last comparison with Entra; the admin asks for a fresh one.
  await priya.getByRole('button', { name: 'Compare with Entra now' }).click();
  await expect(priya.getByText(/^Compared \d+ APIs with Entra/)).toBeVisible();
  await expect(
    priya.locator('[data-testid="access-api"][data-api-id="orders"] [data-testid="external-assignment"]').filter({ hasText: 'Ben Okafor' }),
  ).toContainText('Outside Roleport');
  const grant = priya.locator(`[data-testid="roleport-grant"][data-request-id="${requestId}"]`);
  await grant.getByText('Revoke', { exact: true }).click();
  await grant.getByLabel('Reason (Ada Lovelace reads it)').fill('Reconciliation finished.');
  await grant.getByRole('button', { name: 'Revoke Payments.Admin from Ada Lovelace' }).click();
  await expect(priya.locator(`[data-testid="revocation-notice"][data-request-id="${requestId}"]`)).toContainText(
    'Access tokens already issued keep the role until they expire',
  );

  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'revoked', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.locator('[data-action="request.revocation_requested"]')).toContainText('Priya Natarajan');

  await priya.goto('/admin/settings');
  await priya.getByRole('button', { name: 'Delete the rule for Payments.Admin' }).click();
  await expect(payments.locator('[data-testid="approval-rule"][data-role="Payments.Admin"]')).toHaveCount(0);
  await priya.context().close();
});

test('the rules page says which APIs share an app registration, and so share its rules', async ({ browser }) => {
  const priya = await pageAs(browser, 'priya', '/admin/settings');
  const inventory = priya.locator('[data-testid="rules-api"][data-api-id="inventory"]');
  // Stock Alerts is backed by the Inventory app; Deliveries and both Shipments versions by the Orders app; Payments by its own.
  await expect(inventory.getByTestId('shares-app')).toContainText('Shares its app registration with Stock Alerts API');
  await expect(inventory.getByTestId('shares-app')).toContainText('the strictest of their rules');
  const orders = priya.locator('[data-testid="rules-api"][data-api-id="orders"] [data-testid="shares-app"]');
  await expect(orders).toContainText('Deliveries API');
  await expect(orders).toContainText('Shipments API');
  await expect(priya.locator('[data-testid="rules-api"][data-api-id="payments"] [data-testid="shares-app"]')).toHaveCount(0);
});
