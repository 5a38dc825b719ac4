// Rule: lint refuses a broken import boundary or an import cycle: each rule fires on the fixture that breaks it, and the tree keeps them all.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(root, 'test/architecture/fixtures');

interface Violation {
  rule: string;
  from: string;
}

/** Runs the project's own rule set on a tree, as `npm run lint` does, with the tree's folder as the base. */
async function violationsIn(baseDir: string): Promise<Violation[]> {
  const options = await extractDepcruiseOptions(path.join(root, '.dependency-cruiser.cjs'));
  const tsConfigFile = path.join(baseDir, 'tsconfig.json');
  const result = await cruise(
    ['.'],
    { ...options, baseDir, validate: true, tsConfig: { fileName: tsConfigFile } },
    {},
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from }));
}

const ruleNames = async () =>
  ((await extractDepcruiseOptions(path.join(root, '.dependency-cruiser.cjs'))).ruleSet?.forbidden ?? []).map((r) => r.name);

describe('import rules', () => {
  it('has one fixture per rule, and nothing else but the allowed tree', async () => {
    const trees = readdirSync(fixtures, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(trees.sort()).toEqual(['allowed', ...(await ruleNames())].sort());
  });

  it('lets the allowed tree through: routes → domains and UI, UI → its own actions, lib/azure → the SDKs, scripts → the emulator, views → the config rules → policies', async () => {
    expect(await violationsIn(path.join(fixtures, 'allowed'))).toEqual([]);
  });

  const expected: Record<string, string[]> = {
    'app-imports-lib-and-components': ['app/orders/page.tsx'],
    'components-not-to-app': ['components/orders/place-order-button.tsx'],
    'lib-not-to-app-or-components': ['lib/orders/list-orders.ts'],
    'azure-sdk-only-in-lib-azure': ['lib/orders/list-orders.ts'],
    'emulator-only-from-tests-and-scripts': ['lib/orders/list-orders.ts'],
    'config-views-select-rules': ['lib/drift/find-drift.ts'],
    // A cycle is reported once, from the first of its modules in path order.
    'no-circular': ['lib/ledger/rate.ts'],
    'no-folder-cycle': ['lib/billing', 'lib/orders'],
  };

  it('names every rule in this table', async () => {
    expect(Object.keys(expected).sort()).toEqual((await ruleNames()).sort());
  });

  for (const [rule, from] of Object.entries(expected)) {
    it(`fires ${rule} on its fixture, and only that rule`, async () => {
      const found = await violationsIn(path.join(fixtures, rule));
      expect([...new Set(found.map((v) => v.rule))]).toEqual([rule]);
      expect([...new Set(found.map((v) => v.from))].sort()).toEqual(from);
    });
  }

  it('finds no violation in the tree itself', { timeout: 120_000 }, async () => {
    const found = await violationsIn(root);
    expect(found).toEqual([]);
  });
});
