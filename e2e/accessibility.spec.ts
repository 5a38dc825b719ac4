// Rule: every page passes axe-core with no serious or critical violation, in light and dark, for each role that can open it; the main pages fit a phone's width and a 200 % zoom.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { DemoUserKey } from './support/demo-users';
import { pageAs, signIn } from './support/sign-in';

const SCHEMES = ['light', 'dark'] as const;
/** A request Ben opens for these checks, so the request page and the approvers' queue show a real item; cancelled at the end. */
const REQUEST = '{request}';

const DEVELOPER_PAGES = [
  '/',
  '/apis',
  '/apis?q=orders',
  '/apis/orders',
  '/apis/no-such-api',
  '/requests',
  '/requests/new',
  '/requests/new?api=payments',
  `/requests/${REQUEST}`,
  '/console',
  '/console?api=orders&operation=export-orders',
  '/tokens',
  '/notifications',
  '/products',
  '/products/partners',
  '/subscriptions',
  '/apps',
  '/forbidden',
  '/signout',
];
const APPROVER_PAGES = [...DEVELOPER_PAGES, '/admin/requests'];
const ADMIN_PAGES = [
  ...APPROVER_PAGES,
  '/admin/access',
  '/admin/apis',
  '/admin/apis/orders/policy',
  '/admin/audit',
  '/admin/catalog',
  '/admin/doctor',
  '/admin/drift',
  '/admin/settings',
];
const SIGNED_OUT_PAGES = ['/signin', '/signed-out'];

const ROLES: { user: DemoUserKey; role: string; pages: string[] }[] = [
  { user: 'ben', role: 'developer', pages: DEVELOPER_PAGES },
  { user: 'olivia', role: 'approver', pages: APPROVER_PAGES },
  { user: 'priya', role: 'admin', pages: ADMIN_PAGES },
];

/** Every route of the app as its folder names it ("/apis/[apiId]"), route groups left out. */
function appRoutes(dir = 'app', route = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === 'page.tsx') found.push(route || '/');
    if (!entry.isDirectory() || entry.name === 'api') continue;
    const segment = /^\(.*\)$/.test(entry.name) ? '' : `/${entry.name}`;
    found.push(...appRoutes(path.join(dir, entry.name), route + segment));
  }
  return found;
}

/** The route a visited path renders, to prove the lists above leave no page out. */
function routeOf(visited: string): string {
  const pathname = visited.split('?')[0]!;
  const patterns = appRoutes().map((route) => ({
    route,
    regex: new RegExp(`^${route.replace(/\[[^\]]+\]/g, '[^/]+')}$`),
    dynamic: route.includes('['),
  }));
  return (patterns.find((p) => !p.dynamic && p.regex.test(pathname)) ?? patterns.find((p) => p.regex.test(pathname)))?.route ?? '';
}

/** The serious and critical violations on the page as it is now, one line each with where they are. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.slice(0, 5).map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')} — ${node.failureSummary ?? v.help}`),
    );
}

async function checkPages(page: Page, pages: string[], requestId: string): Promise<string[]> {
  const problems: string[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const visited of pages) {
      const url = visited.replace(REQUEST, requestId);
      await page.goto(url);
      await page.waitForLoadState('load');
      for (const line of await seriousViolations(page)) problems.push(`${scheme} ${visited}: ${line}`);
    }
  }
  return problems;
}

test.describe.serial('accessibility', () => {
  let requestId = '';

  test.beforeAll(async ({ browser }) => {
    const ben = await pageAs(browser, 'ben');
    await ben.goto('/requests/new?api=payments');
    await ben.locator('[data-testid="requestable-role"][data-role="Payments.Refund"]').getByRole('radio').check();
    await ben.getByLabel('Justification').fill('Refunds from the support desk tool, checked for accessibility.');
    await ben.getByRole('button', { name: 'Submit request' }).click();
    await expect(ben).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
    requestId = ben.url().split('/').pop() as string;
    await ben.context().close();
  });

  test.afterAll(async ({ browser }) => {
    if (!requestId) return;
    const ben = await pageAs(browser, 'ben');
    await ben.goto(`/requests/${requestId}`);
    await ben.getByRole('button', { name: 'Cancel request' }).click();
    await expect(ben.getByTestId('request-status')).toHaveAttribute('data-status', 'cancelled');
    await ben.context().close();
  });

  test('the lists below name every page of the app', () => {
    const visited = new Set([...ADMIN_PAGES, ...SIGNED_OUT_PAGES].map(routeOf));
    expect(appRoutes().filter((route) => !visited.has(route))).toEqual([]);
  });

  test('signed-out pages have no serious or critical violation, light and dark', async ({ page }) => {
    test.slow();
    expect(await checkPages(page, SIGNED_OUT_PAGES, requestId)).toEqual([]);
  });

  for (const { user, role, pages } of ROLES) {
    test(`every page a ${role} opens has no serious or critical violation, light and dark`, async ({ browser }) => {
      test.setTimeout(pages.length * 2 * 15_000 + 60_000);
      const page = await pageAs(browser, user);
      expect(await checkPages(page, pages, requestId)).toEqual([]);
      await page.context().close();
    });
  }

  // A phone, and a 1280 × 800 window zoomed to 200 %: the browser then lays the page out in 640 × 400 CSS pixels at twice
  // the pixel density (WCAG 1.4.4 and 1.4.10 reflow).
  const LAYOUTS = [
    { name: 'a 375 px wide phone', viewport: { width: 375, height: 800 }, deviceScaleFactor: 1 },
    { name: '200 % zoom of a 1280 × 800 window', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
  ];
  for (const layout of LAYOUTS) {
    test(`the main pages fit ${layout.name} without scrolling sideways`, async ({ browser }) => {
      test.slow();
      const overflowing: string[] = [];
      for (const { user, pages } of [
        {
          user: 'ben' as const,
          pages: [
            '/',
            '/apis',
            '/apis/orders',
            '/requests',
            '/requests/new?api=payments',
            `/requests/${REQUEST}`,
            '/tokens',
            '/notifications',
          ],
        },
        {
          user: 'priya' as const,
          pages: [
            '/console?api=orders&operation=export-orders',
            '/admin/requests',
            '/admin/access',
            '/admin/audit',
            '/admin/apis',
            '/admin/apis/orders/policy',
            '/admin/catalog',
            '/admin/settings',
          ],
        },
      ]) {
        const context = await browser.newContext({ viewport: layout.viewport, deviceScaleFactor: layout.deviceScaleFactor });
        const page = await context.newPage();
        await signIn(page, user);
        for (const visited of pages) {
          await page.goto(visited.replace(REQUEST, requestId));
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > layout.viewport.width) overflowing.push(`${visited}: ${width} px`);
        }
        await context.close();
      }
      expect(overflowing).toEqual([]);
    });
  }
});
