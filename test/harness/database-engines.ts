// Runs a suite against every database engine: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
// Each engine hands out fresh, empty databases (a temp file, or a throw-away PostgreSQL database) and
// removes them when the suite ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { createDatabase, type DatabaseConfig, type DatabaseKind, type RoleportDb } from '@/lib/db/connection';
import { migrateToLatest } from '@/lib/db/migrate';

const postgresAdminUrl = process.env.TEST_DATABASE_URL;

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function emptyAllTables({ db }: RoleportDb): Promise<void> {
  const tables = (await db.introspection.getTables()).map((table) => table.name).filter((name) => name !== 'audit_head');
  await sql.raw(`truncate table ${tables.map((name) => `"${name}"`).join(', ')}`).execute(db);
  await db
    .updateTable('audit_head')
    .set({ last_seq: 0, last_hash: '0'.repeat(64) })
    .execute();
}

export class TestEngine {
  readonly #open: RoleportDb[] = [];
  readonly #postgresDatabases: string[] = [];
  #tempDir: string | undefined;
  #sharedMigrated: RoleportDb | undefined;

  constructor(readonly kind: DatabaseKind) {}

  /** A config for a new, empty database; nothing is connected to it yet. */
  async freshConfig(): Promise<DatabaseConfig> {
    if (this.kind === 'sqlite') {
      this.#tempDir ??= mkdtempSync(path.join(tmpdir(), 'roleport-db-test-'));
      return { kind: 'sqlite', file: path.join(this.#tempDir, `${randomUUID()}.db`) };
    }
    const name = `roleport_test_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    await withAdminClient((client) => client.query(`create database ${name}`));
    this.#postgresDatabases.push(name);
    const url = new URL(postgresAdminUrl ?? '');
    url.pathname = `/${name}`;
    return { kind: 'postgres', url: url.toString() };
  }

  /** Opens a connection that is closed when the suite ends. */
  open(config: DatabaseConfig): RoleportDb {
    const database = createDatabase(config);
    this.#open.push(database);
    return database;
  }

  async openEmpty(): Promise<RoleportDb> {
    return this.open(await this.freshConfig());
  }

  /**
   * A migrated database with no application rows. SQLite gets a new file each time; PostgreSQL reuses one
   * database per suite and empties it, because creating a PostgreSQL database costs a few hundred milliseconds.
   */
  async openMigrated(): Promise<RoleportDb> {
    if (this.kind === 'postgres' && this.#sharedMigrated) {
      await emptyAllTables(this.#sharedMigrated);
      return this.#sharedMigrated;
    }
    const database = await this.openEmpty();
    await migrateToLatest(database.db);
    if (this.kind === 'postgres') this.#sharedMigrated = database;
    return database;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.#open.splice(0).map((database) => database.close()));
    if (this.#tempDir) rmSync(this.#tempDir, { recursive: true, force: true });
    if (this.#postgresDatabases.length > 0) {
      await withAdminClient(async (client) => {
        for (const name of this.#postgresDatabases.splice(0)) await client.query(`drop database if exists ${name} with (force)`);
      });
    }
  }
}

/** Declares `body` once per engine; the PostgreSQL copy is skipped when TEST_DATABASE_URL is unset. */
export function describeEngines(title: string, body: (engine: TestEngine) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    describe.skipIf(kind === 'postgres' && !postgresAdminUrl)(`${title} [${kind}]`, () => {
      const engine = new TestEngine(kind);
      afterAll(() => engine.dispose());
      body(engine);
    });
  }
}
