// Rule: an action button shows that its action runs and announces the outcome; form controls follow the colour scheme.
import { expect, test, type Browser, type Page } from '@playwright/test';
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

/** The page as the server's HTML alone shows it, before the scripts run, for the user signed in on `signedIn`. */
async function withoutScripts(browser: Browser, signedIn: Page, path: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.context().storageState() });
  const page = await context.newPage();
  await page.goto(path);
  return { page, close: () => context.close() };
}

test('forms take no input before the page has hydrated, which would reset it, and take it once it has', async ({ browser }) => {
  const priya = await pageAs(browser, 'priya', '/admin/settings');
  const addRule = (page: Page) =>
    page.locator('[data-testid="rules-api"][data-api-id="payments"]').getByRole('form', { name: 'Add a rule' });
  const rules = await withoutScripts(browser, priya, '/admin/settings');
  await expect(addRule(rules.page).getByLabel('Applies to')).toBeDisabled();
  await expect(addRule(rules.page).getByRole('button', { name: 'Add rule' })).toBeDisabled();
  await rules.close();
  await expect(addRule(priya).getByLabel('Applies to')).toBeEnabled();
  await addRule(priya).getByLabel('Applies to').selectOption('Payments.Read');
  await expect(addRule(priya).getByLabel('Applies to')).toHaveValue('Payments.Read');
  await priya.context().close();

  const ada = await pageAs(browser, 'ada', '/requests/new?api=payments');
  const justification = (page: Page) => page.getByRole('textbox', { name: /Justification/ });
  const request = await withoutScripts(browser, ada, '/requests/new?api=payments');
  await expect(justification(request.page)).toBeDisabled();
  await expect(request.page.getByRole('button', { name: 'Submit request' })).toBeDisabled();
  await request.close();
  await justification(ada).fill('Typed once the form is live.');
  await expect(justification(ada)).toHaveValue('Typed once the form is live.');
  const tokens = await withoutScripts(browser, ada, '/tokens');
  await expect(tokens.page.getByRole('button', { name: 'Check token' })).toBeDisabled();
  await tokens.close();
  await ada.context().close();
});
