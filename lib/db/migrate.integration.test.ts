// Rule: migrations build the whole schema on an empty database, are idempotent, and are safe from two migrators at once.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines } from '@/test/harness/database-engines';
import { knownMigrations, migrateToLatest, migrationStatus } from './migrate';
import type { DatabaseConfig } from './connection';

// Child processes boot tsx first, which takes seconds on a busy machine; the hang guard allows for it.
const CHILD_PROCESS_TIMEOUT_MS = 60_000;

const run = promisify(execFile);
const childScript = fileURLToPath(new URL('../../test/harness/migrate-child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const ALL_TABLES = [
  'access_decision',
  'access_request',
  'api_app_override',
  'approval_rule',
  'audit_checkpoint',
  'audit_event',
  'audit_head',
  'catalog_api',
  'catalog_app',
  'catalog_event_receipt',
  'catalog_operation',
  'catalog_product',
  'catalog_refresh_queue',
  'catalog_sync',
  'notification_delivery',
  'notification_event',
  'notification_preference',
  'policy_version',
  'provisioning_job',
  'rate_limit_counter',
  'reconciliation_run',
  'session_revocation',
  'settings',
  'webhook_delivery',
];

async function migrateInChildProcess(config: DatabaseConfig, startAt: number): Promise<string[]> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', childScript, JSON.stringify(config), String(startAt)], {
    cwd: repoRoot,
  });
  return (JSON.parse(stdout) as { applied: string[] }).applied;
}

describeEngines('migrations', (engine) => {
  it('report everything pending on an empty database, then build every table', async () => {
    const { db } = await engine.openEmpty();
    expect(await migrationStatus(db)).toEqual({ current: false, applied: [], pending: knownMigrations() });

    const { applied } = await migrateToLatest(db);
    expect(applied).toEqual(knownMigrations());
    const tables = (await db.introspection.getTables()).map((table) => table.name).sort();
    expect(tables).toEqual(ALL_TABLES);
    expect(await migrationStatus(db)).toEqual({ current: true, applied: knownMigrations(), pending: [] });
  });

  it('do nothing when run a second time', async () => {
    const { db } = await engine.openMigrated();
    expect(await migrateToLatest(db)).toEqual({ applied: [] });
    const head = await db.selectFrom('audit_head').selectAll().execute();
    expect(head).toHaveLength(1);
  });

  it('report a partially migrated database as not current', async () => {
    const { db } = await engine.openEmpty();
    await migrateToLatest(db);
    const last = knownMigrations().at(-1) ?? '';
    await sql`delete from kysely_migration where name = ${last}`.execute(db);
    const status = await migrationStatus(db);
    expect(status.current).toBe(false);
    expect(status.pending).toEqual([last]);
  });

  it(
    'let two migrators on separate connections race to one applied set',
    async () => {
      const config = await engine.freshConfig();
      const startAt = Date.now() + 1500;
      // better-sqlite3 blocks its thread while it waits for a lock, so two SQLite connections must live in two
      // processes; PostgreSQL gets two independent pools in this process.
      const results =
        config.kind === 'sqlite'
          ? await Promise.all([migrateInChildProcess(config, startAt), migrateInChildProcess(config, startAt)])
          : await Promise.all([migrateToLatest(engine.open(config).db), migrateToLatest(engine.open(config).db)]).then((both) =>
              both.map((result) => result.applied),
            );

      expect(results.flat().sort()).toEqual(knownMigrations());
      const { db } = engine.open(config);
      expect(await migrationStatus(db)).toEqual({ current: true, applied: knownMigrations(), pending: [] });
      expect(await db.selectFrom('audit_head').selectAll().execute()).toHaveLength(1);
    },
    CHILD_PROCESS_TIMEOUT_MS,
  );
});
