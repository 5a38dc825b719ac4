// Rule: forms validate in their server actions, so zod reaches the browser only on the routes listed here (forms that
// still check in the browser), and on no route of the request, decision, approval-rule or policy-studio forms.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';
import { routesShipping, ZOD_MARKER } from '../scripts/bench/first-load-js';

/** The production build the e2e portal runs (`npm run test:e2e` builds it first). */
const DIST_DIR = '.next';

/** Routes whose forms still parse their schema in the browser (the token doctor, the product-approver form). */
const STILL_SHIPPING_ZOD = ['/admin/settings', '/tokens'];

test('the marker is zod’s own: the installed zod registers its schema classes under those names', () => {
  const core = createRequire(import.meta.url).resolve('zod/v4/core');
  expect(readFileSync(core.replace(/index\.(c?js)$/, 'schemas.$1'), 'utf8')).toMatch(ZOD_MARKER);
});

test('no route ships zod to the browser except those whose forms still validate there', () => {
  const shipping = routesShipping(DIST_DIR, ZOD_MARKER);
  // The listed routes do, which also proves the marker still finds zod in a minified chunk of this build.
  expect(shipping).toEqual(STILL_SHIPPING_ZOD);
  for (const route of ['/requests/new', '/admin/apis/[apiId]/policy', '/admin/requests', '/requests/[id]'])
    expect(shipping).not.toContain(route);
});
