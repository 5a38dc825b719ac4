// Rule: every table stores and returns the application's values unchanged on both engines, and the constraints the workflow relies on hold.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isForeignKeyViolation, isUniqueViolation } from './errors';
import { sampleRows } from '@/test/harness/sample-rows';
import { describeEngines } from '@/test/harness/database-engines';
import type { Database } from './types';

// Parents before children, so foreign keys are satisfied in insertion order.
const INSERT_ORDER: Array<keyof Database> = [
  'catalog_product',
  'catalog_api',
  'catalog_operation',
  'catalog_app',
  'catalog_sync',
  'api_app_override',
  'access_request',
  'access_decision',
  'provisioning_job',
  'approval_rule',
  'settings',
  'webhook_delivery',
  'policy_version',
  'audit_event',
  'audit_checkpoint',
  'rate_limit_counter',
  'notification_event',
  'notification_delivery',
  'notification_preference',
  'catalog_event_receipt',
  'catalog_refresh_queue',
];

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describeEngines('tables', (engine) => {
  it('round-trip one row of every table', async () => {
    const { db } = await engine.openMigrated();
    const rows = sampleRows();
    for (const table of INSERT_ORDER) {
      // Each table's row type differs; the loop only needs insert-then-select of the same value.
      await db
        .insertInto(table)
        .values(rows[table] as never)
        .execute();
      const stored = await db.selectFrom(table).selectAll().execute();
      expect(stored, table).toEqual([rows[table]]);
    }
    const head = await db.selectFrom('audit_head').select(['id', 'last_seq', 'last_hash']).execute();
    expect(head).toEqual([{ id: 1, last_seq: 0, last_hash: '0'.repeat(64) }]);
  });

  it('accept one decision per request stage', async () => {
    const { db } = await engine.openMigrated();
    const rows = sampleRows();
    await db.insertInto('access_request').values(rows.access_request).execute();
    await db.insertInto('access_decision').values(rows.access_decision).execute();
    await db
      .insertInto('access_decision')
      .values({ ...rows.access_decision, id: randomUUID(), stage: 2 })
      .execute();

    const second = await errorOf(
      db
        .insertInto('access_decision')
        .values({ ...rows.access_decision, id: randomUUID(), verdict: 'reject' })
        .execute(),
    );
    expect(isUniqueViolation(second)).toBe(true);
    expect(await db.selectFrom('access_decision').select('stage').orderBy('stage').execute()).toEqual([{ stage: 1 }, { stage: 2 }]);
  });

  it('reject a decision or job for a request that does not exist', async () => {
    const { db } = await engine.openMigrated();
    const rows = sampleRows();
    expect(isForeignKeyViolation(await errorOf(db.insertInto('access_decision').values(rows.access_decision).execute()))).toBe(true);
    expect(isForeignKeyViolation(await errorOf(db.insertInto('provisioning_job').values(rows.provisioning_job).execute()))).toBe(true);
  });

  it('keep one approval rule per API and per API role, including the whole-API rule', async () => {
    const { db } = await engine.openMigrated();
    const rule = sampleRows().approval_rule;
    await db.insertInto('approval_rule').values(rule).execute();
    await db
      .insertInto('approval_rule')
      .values({ ...rule, id: randomUUID(), role_value: 'Orders.Read' })
      .execute();
    await db
      .insertInto('approval_rule')
      .values({ ...rule, id: randomUUID(), api_id: 'billing' })
      .execute();

    const wholeApiAgain = await errorOf(
      db
        .insertInto('approval_rule')
        .values({ ...rule, id: randomUUID() })
        .execute(),
    );
    const roleAgain = await errorOf(
      db
        .insertInto('approval_rule')
        .values({ ...rule, id: randomUUID(), role_value: 'Orders.Read' })
        .execute(),
    );
    expect(isUniqueViolation(wholeApiAgain)).toBe(true);
    expect(isUniqueViolation(roleAgain)).toBe(true);
  });

  it('refuse values outside the fixed vocabularies', async () => {
    const { db } = await engine.openMigrated();
    const rows = sampleRows();
    await db.insertInto('access_request').values(rows.access_request).execute();
    const badVerdict = { ...rows.access_decision, verdict: 'maybe' } as unknown as typeof rows.access_decision;
    expect(await errorOf(db.insertInto('access_decision').values(badVerdict).execute())).toBeInstanceOf(Error);
    const badStages = { ...rows.approval_rule, stages: 3 } as unknown as typeof rows.approval_rule;
    expect(await errorOf(db.insertInto('approval_rule').values(badStages).execute())).toBeInstanceOf(Error);
    expect(
      await errorOf(sql`insert into audit_head (id, last_seq, last_hash, created_at, updated_at) values (2, 0, '', '', '')`.execute(db)),
    ).toBeInstanceOf(Error);
  });

  it('delete a request’s decisions and jobs with it, and an API’s operations with it', async () => {
    const { db } = await engine.openMigrated();
    const rows = sampleRows();
    for (const table of ['catalog_api', 'catalog_operation', 'access_request', 'access_decision', 'provisioning_job'] as const) {
      await db
        .insertInto(table)
        .values(rows[table] as never)
        .execute();
    }
    await db.deleteFrom('access_request').execute();
    await db.deleteFrom('catalog_api').execute();
    expect(await db.selectFrom('access_decision').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('provisioning_job').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('catalog_operation').selectAll().execute()).toEqual([]);
  });
});
