// The signed-out shell loads in Chromium without console errors.
import { expect, test } from '@playwright/test';

test('the sign-in page renders without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/signin');
  await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
  await expect(page).toHaveTitle(/Sign in · Roleport/);
  expect(errors).toEqual([]);
});

test('a signed-out visit to a portal page lands on sign-in with the way back', async ({ page }) => {
  await page.goto('/apis/orders');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fapis%2Forders/);
});

test('anyone gets the favicon and a robots.txt that keeps crawlers out of the internal portal', async ({ request }) => {
  const favicon = await request.get('/favicon.ico', { maxRedirects: 0 });
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  // An ICO file starts with reserved 0, type 1 (icon).
  expect([...(await favicon.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);

  const robots = await request.get('/robots.txt', { maxRedirects: 0 });
  expect(robots.status()).toBe(200);
  expect((await robots.text()).split('\n')).toEqual(expect.arrayContaining(['User-agent: *', 'Disallow: /']));
});
