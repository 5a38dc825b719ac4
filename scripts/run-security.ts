// The security proofs alone: the authorization matrix and the bad-input corpus against a production build, then a table.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CASE_LOG_DIR, type CaseResult } from '../e2e/security/case-log';

const SPECS = ['e2e/security-authorization-matrix.spec.ts', 'e2e/security-corpus.spec.ts'];

function printTable(results: CaseResult[]): void {
  const byCategory = new Map<string, { pass: number; fail: number }>();
  for (const r of results) {
    const row = byCategory.get(r.category) ?? { pass: 0, fail: 0 };
    row[r.ok ? 'pass' : 'fail'] += 1;
    byCategory.set(r.category, row);
  }
  const width = Math.max(8, ...[...byCategory.keys()].map((k) => k.length));
  console.log(`\n${'category'.padEnd(width)}  ${'cases'.padStart(6)}  ${'pass'.padStart(6)}  ${'fail'.padStart(6)}`);
  for (const [category, { pass, fail }] of byCategory) {
    console.log(`${category.padEnd(width)}  ${String(pass + fail).padStart(6)}  ${String(pass).padStart(6)}  ${String(fail).padStart(6)}`);
  }
  const failures = results.filter((r) => !r.ok);
  console.log(
    `${'total'.padEnd(width)}  ${String(results.length).padStart(6)}  ${String(results.length - failures.length).padStart(6)}  ${String(failures.length).padStart(6)}`,
  );
  if (failures.length) console.log('\nFailures:');
  for (const f of failures) console.log(`  [${f.category}] ${f.name}: ${f.detail}`);
}

function main() {
  const args = [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/run-e2e.ts', ...process.argv.slice(2), ...SPECS];
  const run = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
  const files = existsSync(CASE_LOG_DIR) ? readdirSync(CASE_LOG_DIR).filter((f) => f.endsWith('.json')) : [];
  printTable(files.flatMap((f) => JSON.parse(readFileSync(path.join(CASE_LOG_DIR, f), 'utf8')) as CaseResult[]));
  if (!files.length) console.log('No case results were written: the run stopped before the proofs ran.');
  process.exit(run.status ?? 1);
}

main();
