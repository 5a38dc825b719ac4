import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { RoleportSqliteDialect } from './sqlite-dialect';
import { withStatementCache } from './sqlite-statement-cache';

interface Tables {
  item: { id: number; name: string; note?: string | null };
}

/** An in-memory database whose `prepare` calls are counted, behind the cache and Kysely as the portal builds them. */
function countedDatabase(size?: number) {
  const handle = new BetterSqlite3(':memory:');
  let prepared = 0;
  const prepare = handle.prepare.bind(handle);
  handle.prepare = ((source: string) => {
    prepared++;
    return prepare(source);
  }) as typeof handle.prepare;
  const db = new Kysely<Tables>({ dialect: new RoleportSqliteDialect({ database: withStatementCache(handle, size) }) });
  return { db, prepared: () => prepared };
}

describe('the SQLite statement cache', () => {
  let destroy: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await destroy?.();
    destroy = undefined;
  });

  async function world(size?: number) {
    const counted = countedDatabase(size);
    destroy = () => counted.db.destroy();
    await sql`create table item (id integer primary key, name text not null)`.execute(counted.db);
    await counted.db
      .insertInto('item')
      .values([
        { id: 1, name: 'one' },
        { id: 2, name: 'two' },
      ])
      .execute();
    return counted;
  }

  it('prepares a query once and binds each call its own parameters', async () => {
    const { db, prepared } = await world();
    const before = prepared();
    const names = [];
    for (const id of [1, 2, 1, 2]) names.push((await db.selectFrom('item').select('name').where('id', '=', id).executeTakeFirst())?.name);
    expect(names).toEqual(['one', 'two', 'one', 'two']);
    expect(prepared() - before).toBe(1);
  });

  it('keeps only the most recently used statements', async () => {
    const { db, prepared } = await world(2);
    const byColumn = (column: 'id' | 'name') => db.selectFrom('item').select(column).execute();
    await byColumn('id');
    await byColumn('name');
    await sql`select count(*) as n from item`.execute(db);
    const before = prepared();
    await byColumn('name');
    expect(prepared() - before).toBe(0);
    await byColumn('id');
    expect(prepared() - before).toBe(1);
  });

  it('reads the new schema after a migration alters a table', async () => {
    const { db } = await world();
    const all = () => sql<Record<string, unknown>>`select * from item where id = ${1}`.execute(db);
    expect(Object.keys((await all()).rows[0] ?? {})).toEqual(['id', 'name']);
    await sql`alter table item add column note text`.execute(db);
    expect(Object.keys((await all()).rows[0] ?? {})).toEqual(['id', 'name', 'note']);
  });
});
