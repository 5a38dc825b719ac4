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
