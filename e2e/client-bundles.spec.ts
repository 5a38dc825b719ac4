// Rule: forms validate in their server actions, so no route's first load carries zod to the browser.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { routesShipping, ZOD_MARKER } from '../scripts/bench/first-load-js';

/** The production build the e2e portal runs (`npm run test:e2e` builds it first), where next.config.js puts it. */
const DIST_DIR = process.env.ROLEPORT_NEXT_DIST_DIR || '.next';

test('no route ships zod to the browser, though the same build’s server code holds it', () => {
  // The actions validate with zod, so the marker must find it on the server: proof that it still finds zod in this
  // build's output, and that finding it in no client chunk means something.
  const serverChunks = path.join(DIST_DIR, 'server', 'chunks', 'ssr');
  const serverHoldsZod = readdirSync(serverChunks)
    .filter((file) => file.endsWith('.js'))
    .some((file) => ZOD_MARKER.test(readFileSync(path.join(serverChunks, file), 'utf8')));
  expect(serverHoldsZod).toBe(true);
  expect(routesShipping(DIST_DIR, ZOD_MARKER)).toEqual([]);
});
