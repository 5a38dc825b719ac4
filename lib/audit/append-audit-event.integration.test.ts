// Rule: audit events append in one contiguous hash chain, commit only with their transaction, and stay contiguous under concurrent writers.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '@/lib/db/migrate';
import { describeEngines, TestEngine } from '@/test/harness/database-engines';
import { withTransaction } from '@/lib/db/transaction';
import { sampleRows } from '@/test/harness/sample-rows';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { appendAuditEvent } from './append-audit-event';
import { AUDIT_GENESIS_HASH, computeAuditHash } from './audit-hash';
import { verifyAuditChain } from './verify-audit-chain';

// Child processes boot tsx first, which takes seconds on a busy machine; the hang guard allows for it.
const CHILD_PROCESS_TIMEOUT_MS = 60_000;

const run = promisify(execFile);
const childScript = fileURLToPath(new URL('../../test/harness/append-audit-child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const actor = { oid: 'oid-admin', name: 'Ad Min' };

function append(db: Kysely<Database>, n: number) {
  return withTransaction(db, (trx) =>
    appendAuditEvent(trx, { actor, action: 'request.approved', subject: { type: 'access_request', id: `r${n}` }, data: { n } }),
  );
}

describeEngines('appendAuditEvent', (engine) => {
  it('links each event to the previous one and advances the head', async () => {
    const { db } = await engine.openMigrated();
    const first = await withTransaction(db, (trx) =>
      appendAuditEvent(trx, {
        actor,
        action: 'request.approved',
        subject: { type: 'access_request', id: 'r1' },
        before: { status: 'pending', version: 1 },
        after: { version: 2, status: 'approved' },
        data: { note: 'fine', stages: [1] },
        at: '2026-11-27T06:30:00.000Z',
      }),
    );
    const second = await append(db, 2);

    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(AUDIT_GENESIS_HASH);
    expect(first.hash).toBe(computeAuditHash(AUDIT_GENESIS_HASH, first));
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(await db.selectFrom('audit_head').select(['last_seq', 'last_hash']).executeTakeFirst()).toEqual({
      last_seq: 2,
      last_hash: second.hash,
    });
    const stored = await db.selectFrom('audit_event').select(['after', 'data']).where('seq', '=', 1).executeTakeFirstOrThrow();
    expect(stored).toEqual({ after: '{"status":"approved","version":2}', data: '{"note":"fine","stages":[1]}' });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 2, lastSeq: 2 });
  });

  it('disappears with its transaction when the state change rolls back', async () => {
    const { db } = await engine.openMigrated();
    const request = sampleRows().access_request;
    const failing = withTransaction(db, async (trx) => {
      await trx.insertInto('access_request').values(request).execute();
      await appendAuditEvent(trx, { actor, action: 'request.created', subject: { type: 'access_request', id: request.id } });
      throw new Error('later step failed');
    });
    await expect(failing).rejects.toThrow('later step failed');

    expect(await db.selectFrom('audit_event').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('access_request').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('audit_head').select('last_seq').executeTakeFirst()).toEqual({ last_seq: 0 });
    expect((await append(db, 1)).seq).toBe(1);
  });

  it('refuses to run outside a transaction', async () => {
    const { db } = await engine.openMigrated();
    const notATransaction = db as unknown as Parameters<typeof appendAuditEvent>[0];
    await expect(appendAuditEvent(notATransaction, { actor, action: 'x', subject: { type: 't', id: 'i' } })).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it('numbers 20 concurrent transactions 1..20 without gaps and the chain verifies', async () => {
    const { db } = await engine.openMigrated();
    await Promise.all(Array.from({ length: 20 }, (_, n) => append(db, n)));

    const seqs = (await db.selectFrom('audit_event').select('seq').orderBy('seq').execute()).map((row) => row.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 20, lastSeq: 20 });
  });
});

// better-sqlite3 blocks its thread while waiting for a lock, so SQLite writers on separate connections need separate processes.
describe('appendAuditEvent from two processes [sqlite]', () => {
  const engine = new TestEngine('sqlite');
  afterAll(() => engine.dispose());

  it(
    'keeps one contiguous chain when two processes write the same file',
    async () => {
      const config = await engine.freshConfig();
      const { db } = engine.open(config);
      await migrateToLatest(db);
      const startAt = Date.now() + 1500;
      const child = () =>
        run(
          process.execPath,
          ['--conditions=react-server', '--import', 'tsx', childScript, JSON.stringify(config), '15', String(startAt)],
          {
            cwd: repoRoot,
          },
        );
      await Promise.all([child(), child()]);

      const actors = await db.selectFrom('audit_event').select('actor_name').distinct().execute();
      expect(actors).toHaveLength(2);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 30, lastSeq: 30 });
    },
    CHILD_PROCESS_TIMEOUT_MS,
  );
});
