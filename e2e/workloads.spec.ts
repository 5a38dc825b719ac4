// Rule: a developer requests an application role for an app they own; the API's owner approves it as an application
// grant; the app's next client-credentials token carries the role and the gateway lets it through, until an admin revokes
// it; a managed identity's request waits for a portal admin first; an app registered in another tenant is refused.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { CLIENT_APPS, ORDERS_APP, PARTNER_CLIENT_APP, WORKLOAD_MANAGED_IDENTITY } from '../emulator/seed/demo-tenant';
import { emulatorConnection, fetchToken, tokenClaims } from './support/emulator-connection';
import { forgetRateLimits } from './support/forget-rate-limits';
import { pageAs, signIn } from './support/sign-in';

// Ada submits several requests here; journeys before this one may have spent her ten per ten minutes.
test.beforeAll(() => forgetRateLimits());

const nightly = CLIENT_APPS[0];
const justification = 'The nightly sync reads every order to refresh the warehouse.';

/** The app's own token for the Orders API (client credentials, as the workload gets it), decoded and raw. */
async function appToken(request: APIRequestContext): Promise<{ raw: string; claims: Record<string, unknown> }> {
  const app = emulatorConnection().clientApps.find((c) => c.appId === nightly.appId)!;
  const raw = await fetchToken(request, {
    grant_type: 'client_credentials',
    client_id: app.appId,
    client_secret: app.clientSecret,
    scope: `${ORDERS_APP.identifierUri}/.default`,
  });
  return { raw, claims: tokenClaims(raw) };
}

async function listOrdersAsApp(request: APIRequestContext): Promise<number> {
  const { raw } = await appToken(request);
  const response = await request.get(`${emulatorConnection().gatewayUrl}/orders/orders`, { headers: { Authorization: `Bearer ${raw}` } });
  return response.status();
}

async function requestFor(page: Page, clientSpId: string, roleValue: string): Promise<string> {
  await page.goto('/apis/orders');
  const role = page.getByTestId('app-role').filter({ hasText: roleValue }).first();
  await role.getByRole('link', { name: 'Request for an app' }).click();
  await expect(page).toHaveURL(/\/requests\/new\?.*for=app/, { timeout: 20_000 });
  await expect(page.getByText('gives the service access without any user present')).toBeVisible();
  await page.getByLabel('Application', { exact: true }).selectOption(clientSpId);
  await expect(page.locator(`[data-testid="requestable-role"][data-role="${roleValue}"]`).getByRole('radio')).toBeChecked();
  await page.locator('textarea[name="justification"]').fill(justification);
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  return page.url().split('/').pop() as string;
}

test('Ada requests Orders.Read for nightly-sync; Olivia approves the application grant; the app’s token gets through the gateway until Priya revokes it', async ({
  page,
  browser,
  request,
}) => {
  // Three people sign in, a grant is provisioned and removed: a longer journey than the default budget allows on a busy machine.
  test.setTimeout(180_000);
  expect(await listOrdersAsApp(request)).toBe(403);
  expect((await appToken(request)).claims).toMatchObject({ idtyp: 'app', azp: nightly.appId });

  await signIn(page, 'ada', '/apis/orders');
  await expect(page.locator('[data-testid="app-role"][data-role="Orders.Read"]').getByTestId('role-holders')).toHaveText(
    'Can be held by people and applications',
  );
  await expect(page.locator('[data-testid="app-role"][data-role="Orders.Export"]').getByTestId('role-holders')).toHaveText(
    'Can be held by applications',
  );
  const requestId = await requestFor(page, nightly.servicePrincipalId, 'Orders.Read');
  await expect(page.getByTestId('application-grant')).toContainText('nightly-sync');

  const olivia = await pageAs(browser, 'olivia', '/admin/requests');
  const item = olivia.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`);
  await expect(item.getByTestId('application-grant')).toContainText('gives the service access without any user present');
  await item.getByRole('button', { name: /^Approve/ }).click();
  await expect(olivia.locator(`[data-testid="decision-notice"][data-request-id="${requestId}"]`)).toContainText('You approved Orders.Read');
  await olivia.context().close();

  await page.goto(`/requests/${requestId}`);
  await expect(page.getByText('New client-credentials tokens of nightly-sync')).toBeVisible({ timeout: 30_000 });
  expect((await appToken(request)).claims.roles).toEqual(['Orders.Read']);
  expect(await listOrdersAsApp(request)).toBe(200);

  await page.goto('/apps');
  const card = page.locator(`[data-testid="my-app"][data-app-id="${nightly.appId}"]`);
  await expect(card.locator('[data-testid="app-holds"][data-role="Orders.Read"]')).toBeVisible();

  // A portal admin revokes the application grant from Who has what, found by the application's name.
  const issued = (await appToken(request)).raw;
  const priya = await pageAs(browser, 'priya', '/admin/access?api=orders&q=nightly-sync');
  const grant = priya.locator(`[data-testid="roleport-grant"][data-request-id="${requestId}"]`);
  await expect(grant.getByTestId('grant-application')).toContainText('nightly-sync (application)');
  await grant.getByText('Revoke', { exact: true }).click();
  await grant.getByLabel('Reason (Ada Lovelace reads it)').fill('The warehouse refresh moved to the export role.');
  await grant.getByRole('button', { name: 'Revoke Orders.Read from nightly-sync' }).click();
  await expect(priya.locator(`[data-testid="revocation-notice"][data-request-id="${requestId}"]`)).toContainText(
    'Orders.Read of nightly-sync',
  );
  await priya.context().close();

  // The provisioning worker removes the assignment from Entra; the request says so once it has.
  await expect(async () => {
    await page.goto(`/requests/${requestId}`);
    await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'revoked', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  // The app's next token (asked for afresh: the emulator mints one per request) no longer carries the role, and the
  // gateway refuses it again; a token issued before the revocation keeps the role until it expires, as in Entra.
  expect((await appToken(request)).claims.roles).toBeUndefined();
  expect(await listOrdersAsApp(request)).toBe(403);
  const before = await request.get(`${emulatorConnection().gatewayUrl}/orders/orders`, { headers: { Authorization: `Bearer ${issued}` } });
  expect(before.status()).toBe(200);
});

test('an app registered in another tenant is listed with why it cannot be requested for, and a request for it is refused', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'ada', '/apps');
  const card = page.locator(`[data-testid="my-app"][data-app-id="${PARTNER_CLIENT_APP.appId}"]`);
  await expect(card.getByTestId('app-refusal')).toContainText(
    `Fabrikam Invoice Sync is registered in another tenant (${PARTNER_CLIENT_APP.homeTenantId})`,
  );

  await page.goto(`/requests/new?api=orders&role=${ORDERS_APP.roles['Orders.Read']}&for=app`);
  await page.getByLabel('Application', { exact: true }).selectOption(PARTNER_CLIENT_APP.servicePrincipalId);
  await expect(page.getByTestId('client-refusal')).toContainText("grants roles only to this tenant's own applications");
  await page.locator('textarea[name="justification"]').fill(justification);
  await page.getByRole('button', { name: 'Submit request' }).click();
  // The server checks the service principal in Graph and refuses it; no request is made.
  await expect(
    page.getByText(`Fabrikam Invoice Sync is registered in another tenant (${PARTNER_CLIENT_APP.homeTenantId})`).last(),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/requests\/new\?/);
  await page.goto('/apps');
  await expect(card.getByTestId('app-request')).toHaveCount(0);
});

test('a request for a managed identity says so and waits for a portal admin before the API’s owner', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, 'ada', '/apis/orders');
  await page.goto('/apis/orders');
  await page.getByTestId('app-role').filter({ hasText: 'Orders.Write' }).getByRole('link', { name: 'Request for an app' }).click();
  await expect(page).toHaveURL(/\/requests\/new\?.*for=app/, { timeout: 20_000 });
  await page.getByLabel('Application', { exact: true }).selectOption(WORKLOAD_MANAGED_IDENTITY.principalId);
  await expect(page.getByText('A managed identity has no owners')).toBeVisible();
  await page.locator('textarea[name="justification"]').fill(justification);
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const requestId = page.url().split('/').pop() as string;

  const olivia = await pageAs(browser, 'olivia', '/admin/requests');
  await expect(olivia.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`)).toHaveCount(0);

  const priya = await pageAs(browser, 'priya', '/admin/requests');
  const item = priya.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`);
  await expect(item.getByTestId('application-grant')).toContainText('first stage is for a portal admin');
  await item.getByRole('button', { name: /^Approve/ }).click();
  await expect(priya.locator(`[data-testid="decision-notice"][data-request-id="${requestId}"]`)).toBeVisible({ timeout: 20_000 });
  await priya.context().close();

  await olivia.reload();
  await expect(olivia.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`)).toContainText('(stage 2)');
  await olivia.context().close();
});

test('the API page shows how to get an app token; the token doctor recognises it and links to a request for that app', async ({
  page,
  request,
}) => {
  const { raw, claims } = await appToken(request);
  expect(claims.scp).toBeUndefined();
  await signIn(page, 'ada', '/apis/orders');
  await expect(page.locator('[data-testid="app-token-snippet"][data-snippet="node"]')).toContainText(
    "getToken('api://contoso-orders/.default')",
  );
  await page.goto('/tokens');
  await page.getByLabel('Access token').fill(raw);
  await page.getByLabel('API to check against').selectOption({ label: 'Orders API' });
  await page.getByRole('combobox', { name: /^Operation/ }).selectOption('create-order');
  await page.getByRole('button', { name: 'Check token' }).click();

  await expect(page.getByTestId('diagnosis-summary')).toContainText('(403)');
  await expect(page.locator('[data-testid="diagnosis"][data-code="missing-role"]')).toContainText('app-only token');
  await page.getByRole('link', { name: 'Request for this app: Orders.Write' }).click();
  await expect(page).toHaveURL(/for=app/);
  await expect(page.getByLabel('Application', { exact: true })).toHaveValue(nightly.servicePrincipalId);
  await expect(page.locator('[data-testid="requestable-role"][data-role="Orders.Write"]').getByRole('radio')).toBeChecked();
});
