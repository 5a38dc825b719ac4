// Rule: an action button shows that its action runs and announces the outcome; form controls follow the colour scheme.
import { expect, test } from '@playwright/test';
import { pageAs, signIn } from './support/sign-in';

test('an action button is disabled with its pending label while the server action runs, then announces the outcome', async ({ page }) => {
  await signIn(page, 'priya', '/admin/access');
  // Hold the server action's POST so the pending state can be seen; everything else goes through untouched.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let actionPosted = false;
  await page.route(
    (url) => url.pathname === '/admin/access',
    async (route) => {
      const request = route.request();
      if (request.method() === 'POST' && request.headers()['next-action']) {
        actionPosted = true;
        await held;
      }
      await route.continue();
    },
  );

  await page.getByRole('button', { name: 'Compare with Entra now' }).click();
  const pending = page.getByRole('button', { name: 'Comparing…' });
  await expect(pending).toBeDisabled();
  expect(actionPosted).toBe(true);
  await expect(page.getByTestId('action-message')).toHaveCount(0);

  release();
  await expect(page.getByRole('button', { name: 'Compare with Entra now' })).toBeEnabled();
  const announced = page.locator('[aria-live="polite"]').getByTestId('action-message');
  await expect(announced).toHaveText(/^Compared \d+ APIs with Entra/);
});

test('filter controls take the dark palette when the browser prefers a dark colour scheme', async ({ page }) => {
  await signIn(page, 'ada', '/apis');
  const search = page.getByRole('searchbox', { name: 'Search' });
  const background = () => search.evaluate((element) => getComputedStyle(element).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  expect(light).not.toBe(dark);
});

test('a rule form takes no choice before the page has hydrated, which would reset it, and takes them once it has', async ({ browser }) => {
  const priya = await pageAs(browser, 'priya', '/admin/settings');
  // The server's HTML alone, as the browser shows it before the scripts run.
  const noScripts = await browser.newContext({ javaScriptEnabled: false, storageState: await priya.context().storageState() });
  const before = await noScripts.newPage();
  await before.goto('/admin/settings');
  const addRule = (page: typeof before) =>
    page.locator('[data-testid="rules-api"][data-api-id="payments"]').getByRole('form', { name: 'Add a rule' });
  await expect(addRule(before).getByLabel('Applies to')).toBeDisabled();
  await expect(addRule(before).getByRole('button', { name: 'Add rule' })).toBeDisabled();
  await noScripts.close();

  await expect(addRule(priya).getByLabel('Applies to')).toBeEnabled();
  await addRule(priya).getByLabel('Applies to').selectOption('Payments.Read');
  await expect(addRule(priya).getByLabel('Applies to')).toHaveValue('Payments.Read');
  await priya.context().close();
});
