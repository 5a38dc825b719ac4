// Rule: a SQLite database is created on first use with the pragmas the app depends on, and configs come from DATABASE_URL-style values.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, databaseConfigFromUrl, DEFAULT_SQLITE_FILE } from './connection';
import { describeDatabase } from './run-migrations';
import { dialectOf } from './dialect';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('createDatabase (sqlite)', () => {
  it('creates the file and its folder, with WAL, a busy timeout, foreign keys and NORMAL sync', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'roleport-conn-'));
    dirs.push(dir);
    const file = path.join(dir, 'nested', 'deeper', 'roleport.db');
    const database = createDatabase({ kind: 'sqlite', file });
    try {
      expect(existsSync(file)).toBe(true);
      expect(database.kind).toBe('sqlite');
      expect(dialectOf(database.db)).toBe('sqlite');
      const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('synchronous')).toBe(1);
    } finally {
      await database.close();
    }
  });
});

describe('databaseConfigFromUrl', () => {
  it('chooses PostgreSQL for postgres URLs and the default SQLite file otherwise', () => {
    expect(databaseConfigFromUrl('postgres://u:p@db:5432/roleport')).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/roleport' });
    expect(databaseConfigFromUrl('postgresql://db/roleport').kind).toBe('postgres');
    expect(databaseConfigFromUrl(undefined)).toEqual({ kind: 'sqlite', file: DEFAULT_SQLITE_FILE });
    expect(databaseConfigFromUrl('', 'other.db')).toEqual({ kind: 'sqlite', file: 'other.db' });
    expect(() => databaseConfigFromUrl('mysql://db/roleport')).toThrow(/postgres/);
  });

  it('describes a database without its credentials', () => {
    expect(describeDatabase({ kind: 'postgres', url: 'postgres://admin:s3cret@db.internal:5432/roleport' })).toBe(
      'postgres db.internal:5432/roleport',
    );
    expect(describeDatabase({ kind: 'sqlite', file: 'x.db' })).toBe(`sqlite ${path.resolve('x.db')}`);
  });
});
