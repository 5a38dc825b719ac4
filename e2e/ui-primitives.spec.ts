// Rule: an action button shows that its action runs and announces the outcome; form controls follow the colour scheme.
import { expect, test } from '@playwright/test';
import { signIn } from './support/sign-in';

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
