// Rule: a request reaches its approvers by email and in the team's Teams channel, the decision and the grant reach the requester by email and in the bell, and a retried job sends nothing twice.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { NOTIFICATIONS_MAILBOX, USERS, type DemoUserKey } from '../emulator/seed/demo-tenant';
import { emulatorConnection } from './support/emulator-connection';
import { pageAs, signIn } from './support/sign-in';

interface Mail {
  from: string;
  to: string[];
  subject: string;
  content: string;
}
interface Card {
  channel: string;
  card: { body: { text: string }[]; actions: { type: string; url: string }[] };
}

const ROLE = 'Inventory.Admin';

const control = (request: APIRequestContext, path: string) => `${emulatorConnection().authorityHost}/_emulator/${path}`;

async function mailsTo(request: APIRequestContext, user: DemoUserKey): Promise<Mail[]> {
  const { value } = (await (await request.get(control(request, 'mail'))).json()) as { value: Mail[] };
  return value.filter((m) => m.to.includes(USERS[user].userPrincipalName) && m.subject.includes(ROLE));
}
// Earlier journeys' news may still be on its way when this one clears the outboxes: only this journey's role counts.
async function cards(request: APIRequestContext): Promise<Card[]> {
  const { value } = (await (await request.get(control(request, 'teams'))).json()) as { value: Card[] };
  return value.filter((c) => c.card.body.some((b) => b.text.replace(/\\/g, '').includes(ROLE)));
}
const subjects = async (request: APIRequestContext, user: DemoUserKey) => (await mailsTo(request, user)).map((m) => m.subject);

const WAITING = `Approval needed: ${USERS.olivia.displayName} asks for ${ROLE} on inventory`;
const APPROVED = `Your request for ${ROLE} on inventory was approved`;
const READY = `Your access is ready: ${ROLE} on inventory`;

test('Olivia requests Inventory.Admin: Priya gets an email and the channel a card; Priya approves; Olivia gets the decision, then "ready" once although the grant was retried, and the bell shows it', async ({
  page,
  browser,
  request,
}) => {
  await request.delete(control(request, 'mail'));
  await request.delete(control(request, 'teams'));

  await signIn(page, 'olivia', '/requests/new?api=inventory');
  await page.locator(`[data-testid="requestable-role"][data-role="${ROLE}"]`).getByRole('radio').check();
  await page.locator('textarea[name="justification"]').fill('Stock corrections after the warehouse audit.');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const requestId = page.url().split('/').pop() as string;

  // The approver: Priya, portal admin and owner of the Inventory app registration. Olivia, who asked, is not told to decide.
  await expect.poll(() => subjects(request, 'priya'), { timeout: 20_000 }).toEqual([WAITING]);
  expect(await subjects(request, 'olivia')).toEqual([]);
  const [toPriya] = await mailsTo(request, 'priya');
  expect(toPriya!.from).toBe(NOTIFICATIONS_MAILBOX.userPrincipalName);
  expect(toPriya!.content).toContain('/admin/requests');
  await expect.poll(async () => (await cards(request)).length).toBe(1);
  const [card] = await cards(request);
  expect(card!.card.body[0]!.text.replace(/\\/g, '')).toBe(WAITING);
  expect(card!.card.actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: expect.stringMatching(/\/admin\/requests$/) });

  // Whatever earlier journeys left in Olivia's bell (she approves Orders and Payments) is read now, once their
  // notifications have long been addressed, so the count below is this journey's.
  await page.goto('/notifications');
  const markAll = page.getByRole('button', { name: 'Mark all as read' });
  if (await markAll.isVisible()) {
    await markAll.click();
    await expect(page.getByTestId('notification-bell')).toHaveAccessibleName('Notifications, none unread');
  }

  // The grant's first Graph call fails, so the provisioning job runs a second time.
  const faults = await request.post(control(request, 'faults'), {
    data: { script: [{ surface: 'graph', method: 'POST', pathContains: 'appRoleAssignedTo', kind: '500', times: 1 }] },
  });
  expect(faults.ok()).toBe(true);

  const priya = await pageAs(browser, 'priya', '/admin/requests');
  const item = priya.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`);
  await item.getByRole('button', { name: /^Approve/ }).click();
  await expect(priya.locator(`[data-testid="decision-notice"][data-request-id="${requestId}"]`)).toContainText(`You approved ${ROLE}`);
  await priya.context().close();

  await expect.poll(() => subjects(request, 'olivia'), { timeout: 30_000 }).toEqual([APPROVED, READY]);
  const ready = (await mailsTo(request, 'olivia')).find((m) => m.subject === READY)!;
  expect(ready.content).toContain(`/requests/${requestId}`);
  expect(ready.content).toContain('get a new token');
  // Give a duplicate every chance to appear: several more worker passes, and still one of each.
  await page.waitForTimeout(7_000);
  expect(await subjects(request, 'olivia')).toEqual([APPROVED, READY]);
  expect(await subjects(request, 'priya')).toEqual([WAITING]);
  // The channel hears the team's side of the decision, not "your request".
  expect((await cards(request)).map((c) => c.card.body[0]!.text.replace(/\\/g, ''))).toEqual([
    WAITING,
    `${USERS.olivia.displayName}'s request for ${ROLE} on inventory was approved`,
  ]);

  // The bell: server-rendered unread count, the list, and marking read.
  await page.goto('/');
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName('Notifications, 2 unread');
  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  const readyItem = page.locator('[data-testid="notification"][data-kind="access-ready"]');
  await expect(readyItem).toContainText(READY);
  await expect(readyItem).toHaveAttribute('data-read', 'false');
  await readyItem.getByRole('button', { name: 'Mark as read' }).click();
  await expect(readyItem).toHaveAttribute('data-read', 'true');
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(bell).toHaveAccessibleName('Notifications, none unread');
});

test('a person turns a kind of email off on the notifications page, and the choice is kept', async ({ page }) => {
  await signIn(page, 'ben', '/notifications');
  const decided = page.locator('[data-testid="notification-preference"][data-kind="request-decided"]');
  await decided.getByRole('checkbox', { name: 'Email' }).uncheck();
  await page.getByRole('button', { name: 'Save choices' }).click();
  await expect(page.getByText('Your choices are saved.')).toBeVisible();
  await page.reload();
  await expect(decided.getByRole('checkbox', { name: 'Email' })).not.toBeChecked();
  await expect(decided.getByRole('checkbox', { name: 'In the portal' })).toBeChecked();
  await decided.getByRole('checkbox', { name: 'Email' }).check();
  await page.getByRole('button', { name: 'Save choices' }).click();
  await expect(page.getByText('Your choices are saved.')).toBeVisible();
});

test('Ben follows the renewal link in his "ends in 7 days" email: the form opens filled in, he submits it, Priya approves, and My access shows the later end date', async ({
  page,
  browser,
  request,
}) => {
  const RENEWED = 'Inventory.Write';
  const mailsAbout = async () => {
    const { value } = (await (await request.get(control(request, 'mail'))).json()) as { value: Mail[] };
    return value.filter((m) => m.to.includes(USERS.ben.userPrincipalName) && m.subject.includes(RENEWED));
  };
  const approve = async (requestId: string) => {
    const priya = await pageAs(browser, 'priya', '/admin/requests');
    await priya
      .locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`)
      .getByRole('button', { name: /^Approve/ })
      .click();
    await expect(priya.locator(`[data-testid="decision-notice"][data-request-id="${requestId}"]`)).toBeVisible();
    await priya.context().close();
  };

  // A grant of 7 days is inside the renewal window from the day it starts.
  await signIn(page, 'ben', '/requests/new?api=inventory');
  await page.locator(`[data-testid="requestable-role"][data-role="${RENEWED}"]`).getByRole('radio').check();
  await page.getByRole('combobox', { name: 'Duration' }).selectOption('7');
  await page.locator('textarea[name="justification"]').fill('Stock corrections for the quarterly count.');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const grantId = page.url().split('/').pop() as string;
  await approve(grantId);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'active');
  }).toPass({ timeout: 30_000 });

  await expect
    .poll(async () => (await mailsAbout()).some((m) => m.subject.startsWith('Your access ends in 7 days')), { timeout: 30_000 })
    .toBe(true);
  const ending = (await mailsAbout()).find((m) => m.subject.startsWith('Your access ends in 7 days'))!;
  const endsOn = /ends on (\d{4}-\d{2}-\d{2})/.exec(ending.content)![1]!;
  const href = /href="([^"]*renew=[^"]*)"/.exec(ending.content)![1]!.replace(/&#38;/g, '&');
  expect(href).toContain(`renew=${grantId}`);

  // One click to the form, filled in from the grant; opening it asks for nothing.
  await page.goto(new URL(href).pathname + new URL(href).search);
  await expect(page.getByText(`Your ${RENEWED} on Inventory API ends on ${endsOn}`)).toBeVisible();
  await expect(page.locator(`[data-testid="requestable-role"][data-role="${RENEWED}"]`).getByRole('radio')).toBeChecked();
  await expect(page.locator('textarea[name="justification"]')).toHaveValue('Stock corrections for the quarterly count.');
  const days = Number(await page.getByRole('combobox', { name: 'Duration' }).inputValue());
  await page.getByRole('button', { name: 'Submit renewal request' }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const renewalId = page.url().split('/').pop() as string;
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'pending');

  await approve(renewalId);
  await page.reload();
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', 'renewed');
  await expect(page.getByRole('status').filter({ hasText: 'A renewal' })).toContainText('the role assignment in Entra is the same one');
  const newEnd = new Date(Date.parse(`${endsOn}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  await page.goto('/');
  const inventory = page.getByTestId('my-access-api').filter({ has: page.getByRole('link', { name: 'Inventory API', exact: true }) });
  await expect(inventory.locator(`[data-testid="held-role"][data-role="${RENEWED}"]`)).toContainText(`until ${newEnd}`);
  await expect(page.getByTestId('ending-grant').filter({ hasText: RENEWED })).toHaveCount(0);

  // The grant is given up again, so a later run starts from the same place.
  await page.goto(`/requests/${grantId}`);
  await page.getByRole('button', { name: 'Give up this role' }).click();
  await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', /revoked|active/);
});
