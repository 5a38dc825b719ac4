// Rule: a person using only the keyboard signs in, finds an API, and submits a request; every stop shows a visible focus, and a refused form puts focus on what to fix.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { displayNameOf } from './support/demo-users';

/** Presses Tab until `target` has focus (at most `limit` times), checking on arrival that the focus is visible. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      await expectVisibleFocus(target);
      return;
    }
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** The element shows it has focus: an outline (or, for the emulator's plain page, the browser's own ring). */
async function expectVisibleFocus(target: Locator): Promise<void> {
  const outline = await target.evaluate((el) => {
    const style = getComputedStyle(el);
    return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThan(0);
}

test('Ben signs in, finds the Payments API and requests Payments.Read with the keyboard alone', async ({ page }) => {
  test.slow();
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
  await tabTo(page, page.getByRole('button', { name: 'Sign in with Microsoft' }));
  await page.keyboard.press('Enter');

  // The emulated Entra sign-in page: one button per demo user.
  const ben = page.getByRole('button', { name: new RegExp(displayNameOf('ben')) });
  await expect(ben).toBeVisible();
  await tabTo(page, ben, 20);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in-user')).toContainText(displayNameOf('ben'));

  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'APIs', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'APIs', level: 1 })).toBeVisible();
  await tabTo(page, page.getByRole('searchbox', { name: 'Search' }));
  await page.keyboard.type('payments');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]q=payments/);

  await tabTo(page, page.getByTestId('api-name').filter({ hasText: 'Payments' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/apis\/payments$/);
  const role = page.getByTestId('app-role').filter({ hasText: 'Payments.Read' });
  await expect(role.getByTestId('request-state')).toHaveText('Needs one approval');
  await tabTo(page, role.getByRole('link', { name: 'Request access' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/requests\/new\?api=payments&role=/);
  await expect(page.locator('[data-testid="requestable-role"][data-role="Payments.Read"]').getByRole('radio')).toBeChecked();

  // Submitting without a justification: the refusal is announced and focus lands on the field to fix.
  const submit = page.getByRole('button', { name: 'Submit request' });
  await tabTo(page, submit);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-message')).toHaveText('Check 1 field marked below.');
  await expect(page.getByTestId('action-message')).toHaveAttribute('role', 'alert');
  const justification = page.getByRole('textbox', { name: /Justification/ });
  await expect(justification).toBeFocused();
  await expect(justification).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.type('Settlement reports for the finance dashboard, read only.');

  await tabTo(page, submit);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'pending');

  // Leave nothing waiting in the approvers' queues: cancel it, again by keyboard.
  await tabTo(page, page.getByRole('button', { name: 'Cancel request' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'cancelled');
});
