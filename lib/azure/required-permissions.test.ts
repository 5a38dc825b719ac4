// Rule: the README's permissions table lists exactly the permission each Azure call of Roleport needs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRED_PERMISSIONS } from './required-permissions';

const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const rows = readme.split('\n').filter((line) => /^\| (Microsoft Graph|ARM) `/.test(line));

describe('README permissions table', () => {
  it('has one row per required permission, with its calls, permission and features', () => {
    expect(rows).toHaveLength(Object.keys(REQUIRED_PERMISSIONS).length);
    for (const p of Object.values(REQUIRED_PERMISSIONS)) {
      const row = rows.find((r) => r.includes(`\`${p.calls}\``));
      expect(row, p.calls).toBeDefined();
      expect(row).toContain(`\`${p.permission}\``);
      expect(row).toContain(p.features);
    }
  });
});
