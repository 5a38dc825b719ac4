// Rule: a role map applied in the policy studio is what the gateway enforces for the next call, and one click rolls it back.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { APIM_SERVICE_PATH, emulatorConnection, portalArmToken, userToken } from './support/emulator-connection';
import { signIn } from './support/sign-in';

const ORDERS_ARM = `${APIM_SERVICE_PATH}/apis/orders`;

/** A policy of the Orders API as APIM returns it in rawxml (expressions as written), read straight from ARM. */
async function readOrdersPolicy(request: APIRequestContext, scope: string): Promise<string | null> {
  const token = await portalArmToken(request);
  const response = await request.get(
    `${emulatorConnection().armEndpoint}${ORDERS_ARM}${scope}/policies/policy?api-version=2024-05-01&format=rawxml`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  if (response.status() === 404) return null;
  return ((await response.json()) as { properties: { value: string } }).properties.value;
}

/** Ben (Orders.Write) calls the Orders API straight at the gateway with a fresh token (ROPC), outside the portal. */
async function benCalls(
  request: APIRequestContext,
  method: 'GET' | 'DELETE',
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const token = await userToken(request, 'ben', 'api://contoso-orders/.default');
  const response = await request.fetch(`${emulatorConnection().gatewayUrl}/orders/orders/ord-10042`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...headers },
  });
  return { status: response.status(), body: await response.text() };
}

const benDeletesDirectly = (request: APIRequestContext) => benCalls(request, 'DELETE');

const deleteRow = (page: Page) => page.locator('tr[data-operation="delete-order"]');

async function rollBackLatest(page: Page): Promise<void> {
  await page.goto('/admin/apis/orders/policy');
  const history = page.getByRole('region', { name: 'Policy history' });
  await history.getByRole('button', { name: 'Roll back' }).first().click();
  await expect(history.getByText(/Rolled back \d+ polic(y|ies)/)).toBeVisible();
}

test('Priya restricts DELETE /orders/{id} to Orders.Admin; Ben is refused with a diagnosis naming it; one click rolls it back', async ({
  page,
  browser,
  request,
}) => {
  // Two browser sessions, a catalog refresh and direct ARM and gateway checks: more than the default budget on a busy machine.
  test.slow();
  // The Orders API policy holds C# expressions (quotes, &&, generics, lambdas, CDATA) and named values.
  const apiBefore = await readOrdersPolicy(request, '');
  const operationBefore = await readOrdersPolicy(request, '/operations/delete-order');
  expect(apiBefore).toContain('GetValueOrDefault("X-Env","") == "prod" && context.Request.Method == "DELETE"');
  expect(apiBefore).toContain('Body?.As<JObject>(preserveContent: true)');
  expect(apiBefore).toContain('<audience>{{orders-client-id}}</audience>');
  expect((await benCalls(request, 'GET', { 'X-Env': 'blocked' })).status).toBe(451);
  await signIn(page, 'priya', '/admin/apis/orders/policy');
  const writeBox = deleteRow(page).getByRole('checkbox', { name: 'Orders.Write allows DELETE /orders/{id}' });
  await expect(writeBox).toBeChecked();
  await expect(deleteRow(page).getByRole('checkbox', { name: 'Orders.Admin allows DELETE /orders/{id}' })).toBeChecked();
  await writeBox.uncheck();

  await page.getByRole('button', { name: 'Preview changes' }).click();
  const diffs = page.getByTestId('policy-diff');
  await expect(diffs.first()).toBeVisible();
  await expect(diffs.filter({ hasText: 'delete-order' })).toContainText('Orders.Admin');
  await expect(page.getByText(/requires:/).first()).toContainText('Orders.Admin');
  // The Orders API validates its tokens itself: only the operation changes, and the preview says why, in its form.
  await expect(diffs).toHaveCount(1);
  await expect(page.getByTestId('change-reason')).toContainText('validate-jwt at API scope');
  let applied = false;
  try {
    await page.getByRole('button', { name: 'Apply 1 policy change' }).click();
    await expect(page.getByText('Policy applied')).toBeVisible();
    applied = true;
    await expect(deleteRow(page).locator('td').nth(1)).not.toContainText('Orders.Write');

    // Ben (Orders.Write only) tries it in the console, as himself.
    const ben = await (await browser.newContext()).newPage();
    await signIn(ben, 'ben', '/console?api=orders&operation=delete-order');
    await ben.getByRole('textbox', { name: /^id/ }).fill('ord-10042');
    await ben.getByRole('button', { name: 'Send' }).click();
    await expect(ben.getByTestId('response-status')).toHaveText('403');
    await expect(ben.getByRole('region', { name: 'Why the gateway refused' })).toContainText('Orders.Admin');
    await ben.close();

    // The gateway itself, with a token for Ben obtained outside the portal.
    const direct = await benDeletesDirectly(request);
    expect(direct.status).toBe(403);
    expect(direct.body).toContain('Orders.Admin');
  } finally {
    if (applied) await rollBackLatest(page);
  }
  expect((await benDeletesDirectly(request)).status).toBe(200);
  // Rolled back byte for byte, and the API's expressions still run at the gateway.
  expect(await readOrdersPolicy(request, '')).toBe(apiBefore);
  expect(await readOrdersPolicy(request, '/operations/delete-order')).toBe(operationBefore);
  const blocked = await benCalls(request, 'GET', { 'X-Env': 'blocked' });
  expect(blocked.status).toBe(451);
  expect(blocked.body).toContain('<see runbook>');
  await page.reload();
  await expect(deleteRow(page).getByRole('checkbox', { name: 'Orders.Write allows DELETE /orders/{id}' })).toBeChecked();
});

test('the drift report lists the seeded drift with links to the fix', async ({ page }) => {
  await signIn(page, 'priya', '/admin/drift');
  const unmatched = page.getByRole('region', { name: 'Audiences that match no app registration' });
  await expect(unmatched).toContainText('api://contoso-legacy-billing');
  await expect(unmatched.getByRole('link', { name: 'Open the API' }).first()).toHaveAttribute('href', '/apis/legacy-billing');
  const open = page.getByRole('region', { name: 'Operations with no token validation' });
  await expect(open).toContainText('Status API');
  await open.getByRole('link', { name: 'Open the role map' }).first().click();
  await expect(page).toHaveURL(/\/admin\/apis\/status\/policy$/);
  await expect(page.getByText('No app registration is mapped to this API')).toBeVisible();
});

test('a developer cannot open the policy studio or the drift report', async ({ page }) => {
  await signIn(page, 'ada', '/admin/apis/orders/policy');
  await expect(page).toHaveURL(/\/forbidden/);
  await page.goto('/admin/drift');
  await expect(page).toHaveURL(/\/forbidden/);
});

test('the add-role form marks the field its action refuses, focuses it and keeps what was typed; Entra is not changed', async ({
  page,
}) => {
  await signIn(page, 'priya', '/admin/apis/orders/policy');
  const form = page.getByRole('region', { name: 'Add an app role' });
  const value = form.getByRole('textbox', { name: 'Role value' });
  await value.fill('Orders Audit');
  await form.getByRole('textbox', { name: 'Role display name' }).fill('Order auditors');
  await form.getByRole('textbox', { name: 'Role description' }).fill('Reads the order audit trail.');
  await form.getByRole('button', { name: 'Add role…' }).click();
  await form.getByRole('button', { name: 'Confirm and add' }).click();

  await expect(form.getByRole('alert')).toHaveText('Check 1 field marked below.');
  await expect(value).toBeFocused();
  await expect(value).toHaveAttribute('aria-invalid', 'true');
  await expect(value).toHaveAccessibleDescription('A role value has no spaces or XML special characters.');
  await expect(value).toHaveValue('Orders Audit');
  await expect(form.getByRole('textbox', { name: 'Role description' })).toHaveValue('Reads the order audit trail.');
  await page.reload();
  await expect(page.getByText('Orders Audit')).toHaveCount(0);
});
