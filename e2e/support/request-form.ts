import { expect, type Locator, type Page } from '@playwright/test';

/** A role's card on the request form. */
export const roleCard = (page: Page, roleValue: string) => page.locator(`[data-testid="requestable-role"][data-role="${roleValue}"]`);

/** Chooses `roleValue` on the open request form, gives the justification and submits; returns the new request's id. */
export async function submitRequest(page: Page, roleValue: string, justification: string): Promise<string> {
  await roleCard(page, roleValue).getByRole('radio').check();
  await page.getByRole('textbox', { name: /Justification/ }).fill(justification);
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop() as string;
}

/** Approves one item of the approval queue; the queue may confirm in place or drop the decided item, either way it is recorded. */
export async function approveQueueItem(item: Locator): Promise<void> {
  await item.getByRole('button', { name: /^Approve/ }).click();
  await expect(async () => {
    const gone = (await item.count()) === 0;
    const messages = gone ? [] : await item.getByTestId('action-message').allTextContents();
    expect(gone || messages.some((m) => m.includes('Approved'))).toBe(true);
  }).toPass({ timeout: 10_000 });
}
