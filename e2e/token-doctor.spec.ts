// Rule: the token doctor explains a pasted token against the exact policy of the chosen operation, and opens the console's token without it passing through the URL.
import { expect, test } from '@playwright/test';
import { emulatorConnection, userToken } from './support/emulator-connection';
import { PORTAL_PORT as PORT } from './support/ports';
import { signIn } from './support/sign-in';

test('a token for the portal itself, checked against the Orders API, is diagnosed as the wrong audience', async ({ page, request }) => {
  const { portal } = emulatorConnection();
  const token = await userToken(request, 'ada', `api://${portal.clientId}/.default`);

  await signIn(page, 'ada', '/tokens');
  await page.getByLabel('Access token').fill(`Bearer ${token}`);
  await page.getByLabel('API to check against').selectOption({ label: 'Orders API' });
  await page.getByRole('combobox', { name: /^Operation/ }).selectOption('list-orders');
  await page.getByRole('button', { name: 'Check token' }).click();

  const diagnosis = page.locator('[data-testid="diagnosis"][data-code="wrong-audience"]');
  await expect(diagnosis).toContainText('This is a token for Roleport itself, not for the API');
  await expect(diagnosis).toContainText('api://contoso-orders/.default');
  await expect(page.locator('[data-testid="check"][data-check="aud"]')).toHaveAttribute('data-status', 'fail');
  await expect(page.locator('[data-testid="check"][data-check="signature"]')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('diagnosis-summary')).toContainText('(401)');
  await expect(page.getByLabel('Token claims')).toContainText(portal.clientId);
});

test('checking without a token announces the refusal and moves focus to the token field', async ({ page }) => {
  await signIn(page, 'ben', '/tokens');
  const field = page.getByRole('textbox', { name: /^Access token/ });
  await field.fill('   ');
  await page.getByRole('button', { name: 'Check token' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-message')).toHaveText('Check the access token marked above.');
  await expect(page.getByTestId('action-message')).toHaveAttribute('role', 'alert');
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/Paste a token first\./);
});

test('the token a console call used opens in the doctor by a call id, never by the token in the URL', async ({ page }) => {
  await signIn(page, 'ben', '/console?api=orders&operation=create-order');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('response-status')).toHaveText('200', { timeout: 20_000 });
  await page.getByRole('link', { name: 'Open this token in the token doctor' }).click();
  await expect(page).toHaveURL(/\/tokens\?call=[\w-]+$/);
  expect(page.url()).not.toContain('eyJ');
  const section = page.getByRole('region', { name: 'Console token' });
  await expect(section.getByTestId('diagnosis-summary')).toContainText(
    'The gateway would accept this token for Create order on Orders API',
  );
  await expect(section.getByLabel('Token claims')).toContainText('Orders.Write');
});

test('the configuration doctor shows admins the registered callback and an audience that matches no app, with its fix', async ({
  page,
}) => {
  await signIn(page, 'priya', '/admin/doctor');
  const portal = page.getByRole('region', { name: 'Portal app registration' });
  await expect(portal.getByTestId('finding')).toHaveAttribute('data-status', 'ok');
  await expect(portal).toContainText(`http://localhost:${PORT}/api/auth/callback/azure-ad`);
  const legacy = page.getByRole('region', { name: 'Legacy Billing API' });
  await expect(
    legacy.locator('[data-testid="finding"][data-status="error"]').filter({ hasText: 'An audience matches no app registration' }),
  ).toContainText('api://contoso-legacy-billing');
  const orders = page.getByRole('region', { name: 'Orders API' });
  await expect(orders.locator('[data-testid="finding"][data-status="error"]')).toHaveCount(0);
});

test('a developer cannot open the configuration doctor', async ({ page }) => {
  await signIn(page, 'ada', '/');
  await page.goto('/admin/doctor');
  await expect(page).toHaveURL(/\/forbidden/);
});
