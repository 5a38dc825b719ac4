// Rule: every server action is declared with defineAction, so none can skip the gate, the input check or the error handling.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const serverModules = ['app', 'components']
  .flatMap((dir) => sourceFiles(path.join(root, dir)))
  .filter((file) => /^\s*(['"])use server\1/.test(readFileSync(file, 'utf8')));

it('finds the server action modules', () => {
  expect(serverModules.map((file) => path.relative(root, file).split(path.sep).join('/'))).toContain('components/access/actions.ts');
});

it('declares each exported action with defineAction and exports nothing else', () => {
  for (const file of serverModules) {
    const source = readFileSync(file, 'utf8');
    const name = path.relative(root, file);
    expect({ name, functions: [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)].map((m) => m[1]) }).toEqual({
      name,
      functions: [],
    });
    const exported = [...source.matchAll(/export\s+const\s+(\w+)\s*=\s*(\w+)/g)];
    expect(exported.length, name).toBeGreaterThan(0);
    for (const [, action, factory] of exported) expect({ name, action, factory }).toEqual({ name, action, factory: 'defineAction' });
  }
});
