// Rule: a request reaches its approvers by email and in the team's Teams channel, the decision and the grant reach the requester by email and in the bell, and a retried job sends nothing twice.
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { NOTIFICATIONS_MAILBOX, USERS, type DemoUserKey } from '../emulator/seed/demo-tenant';
import { signIn } from './support/sign-in';

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

const emulator = () => JSON.parse(readFileSync('.local/emulator-e2e.json', 'utf8')) as { authorityHost: string };
const control = (request: APIRequestContext, path: string) => `${emulator().authorityHost}/_emulator/${path}`;

async function mailsTo(request: APIRequestContext, user: DemoUserKey): Promise<Mail[]> {
  const { value } = (await (await request.get(control(request, 'mail'))).json()) as { value: Mail[] };
  return value.filter((m) => m.to.includes(USERS[user].userPrincipalName));
}
async function cards(request: APIRequestContext): Promise<Card[]> {
  return ((await (await request.get(control(request, 'teams'))).json()) as { value: Card[] }).value;
}
const subjects = async (request: APIRequestContext, user: DemoUserKey) => (await mailsTo(request, user)).map((m) => m.subject);

async function pageAs(browser: Browser, user: DemoUserKey, startAt: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user, startAt);
  return page;
}

const ROLE = 'Payments.Refund';
const WAITING = `Approval needed: ${USERS.ben.displayName} asks for ${ROLE} on payments`;
const APPROVED = `Your request for ${ROLE} on payments was approved`;
const READY = `Your access is ready: ${ROLE} on payments`;

test('Ben requests Payments.Refund: Olivia and Priya get an email and the channel a card; Olivia approves; Ben gets the decision, then "ready" once although the grant was retried, and the bell shows it', async ({
  page,
  browser,
  request,
}) => {
  await request.delete(control(request, 'mail'));
  await request.delete(control(request, 'teams'));

  // Whatever earlier journeys left in Ben's bell is read first, so the count below is this journey's.
  await signIn(page, 'ben', '/notifications');
  const markAll = page.getByRole('button', { name: 'Mark all as read' });
  if (await markAll.isVisible()) {
    await markAll.click();
    await expect(page.getByTestId('notification-bell')).toHaveAccessibleName('Notifications, none unread');
  }
  await page.goto('/requests/new?api=payments');
  await page.locator(`[data-testid="requestable-role"][data-role="${ROLE}"]`).getByRole('radio').check();
  await page.locator('textarea[name="justification"]').fill('Refunds from the support desk tool.');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const requestId = page.url().split('/').pop() as string;

  // The approvers: Olivia owns the Payments app registration, Priya is a portal admin. Ben, who asked, is not told to decide.
  await expect.poll(() => subjects(request, 'olivia'), { timeout: 20_000 }).toEqual([WAITING]);
  await expect.poll(() => subjects(request, 'priya')).toEqual([WAITING]);
  expect(await subjects(request, 'ben')).toEqual([]);
  const [toOlivia] = await mailsTo(request, 'olivia');
  expect(toOlivia!.from).toBe(NOTIFICATIONS_MAILBOX.userPrincipalName);
  expect(toOlivia!.content).toContain('/admin/requests');
  await expect.poll(async () => (await cards(request)).length).toBe(1);
  const [card] = await cards(request);
  expect(card!.card.body[0]!.text.replace(/\\/g, '')).toBe(WAITING);
  expect(card!.card.actions[0]).toMatchObject({ type: 'Action.OpenUrl', url: expect.stringMatching(/\/admin\/requests$/) });

  // The grant's first Graph call fails, so the provisioning job runs a second time.
  const faults = await request.post(control(request, 'faults'), {
    data: { script: [{ surface: 'graph', method: 'POST', pathContains: 'appRoleAssignedTo', kind: '500', times: 1 }] },
  });
  expect(faults.ok()).toBe(true);

  const olivia = await pageAs(browser, 'olivia', '/admin/requests');
  const item = olivia.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`);
  await item.getByRole('button', { name: /^Approve/ }).click();
  await expect(olivia.locator(`[data-testid="decision-notice"][data-request-id="${requestId}"]`)).toContainText(`You approved ${ROLE}`);
  await olivia.context().close();

  await expect.poll(() => subjects(request, 'ben'), { timeout: 30_000 }).toEqual([APPROVED, READY]);
  const ready = (await mailsTo(request, 'ben')).find((m) => m.subject === READY)!;
  expect(ready.content).toContain(`/requests/${requestId}`);
  expect(ready.content).toContain('get a new token');
  // Give a duplicate every chance to appear: several more worker passes, and still one of each.
  await page.waitForTimeout(7_000);
  expect(await subjects(request, 'ben')).toEqual([APPROVED, READY]);
  expect(await subjects(request, 'olivia')).toEqual([WAITING]);
  // The channel hears the team's side of the decision, not "your request".
  expect((await cards(request)).map((c) => c.card.body[0]!.text.replace(/\\/g, ''))).toEqual([
    WAITING,
    `${USERS.ben.displayName}'s request for ${ROLE} on payments was approved`,
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
