// Rule: every Vitest file in the repository runs in exactly one project, and a *.integration.test.ts file never runs as a unit test.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

function trackedTestFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.test.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter((file) => file && !file.startsWith('e2e/'))
    .sort();
}

/** What Vitest itself would run, per project, read from the real configuration (or the one named). */
function filesByProject(config: string[] = []): { file: string; projectName: string }[] {
  const json = execFileSync(
    process.execPath,
    [path.join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'list', ...config, '--filesOnly', '--json'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return (JSON.parse(json) as { file: string; projectName?: string }[]).map(({ file, projectName }) => ({
    file: path.relative(repoRoot, file),
    projectName: projectName || 'standalone',
  }));
}

describe('the Vitest projects', () => {
  const listed = filesByProject();
  // The container proofs need `next build` first: scripts/run-standalone.ts runs them with their own configuration.
  const standalone = filesByProject(['--config', 'vitest.standalone.config.mts']);

  it('run every test file exactly once', () => {
    expect([...listed, ...standalone].map((entry) => entry.file).sort()).toEqual(trackedTestFiles());
  });

  it('keep integration tests out of the unit project', () => {
    const misplaced = listed.filter((entry) => entry.file.endsWith('.integration.test.ts') && entry.projectName !== 'integration');
    expect(misplaced).toEqual([]);
    expect(new Set(listed.map((entry) => entry.projectName))).toEqual(new Set(['unit', 'integration']));
    expect(listed).toContainEqual({ file: 'test/harness/unit-boundary.test.ts', projectName: 'unit' });
  });
});
