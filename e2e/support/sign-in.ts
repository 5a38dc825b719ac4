import { expect, type Browser, type Page } from '@playwright/test';
import { displayNameOf, type DemoUserKey } from './demo-users';

/** Signs in through the portal's sign-in page and the emulator's Entra sign-in page, as a user would. */
export async function signIn(page: Page, user: DemoUserKey, startAt = '/'): Promise<void> {
  await page.goto(startAt);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await page.getByRole('button', { name: new RegExp(displayNameOf(user)) }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText(displayNameOf(user));
}

/** Signs out as a user would: the link opens a confirmation, whose button ends the session. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign out?' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
}

/** A page in a browser context of its own, signed in as `user`: a second person beside the test's own page. */
export async function pageAs(browser: Browser, user: DemoUserKey, startAt = '/'): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user, startAt);
  return page;
}
