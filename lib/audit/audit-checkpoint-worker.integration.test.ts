// Rule: a page view verifies only the events after a keyed checkpoint; a forged checkpoint is ignored, an edit of the checkpointed event or (in the full pass) of any earlier one is reported; legacy SHA-256 events continue the chain once a keyed event seals them.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { nowIso } from '@/lib/db/clock';
import { describeEngines } from '@/test/harness/database-engines';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { appendAuditEvent } from './append-audit-event';
import { advanceAuditCheckpoint } from './audit-checkpoint-worker';
import { AUDIT_GENESIS_HASH, computeLegacyAuditHash } from './audit-hash';
import { sealLegacyAuditChain } from './seal-legacy-audit-chain';
import { rehashWithoutKey } from '@/test/harness/rehash-without-key';
import { verifyAuditChain } from './verify-audit-chain';

const actor = { oid: 'oid-admin', name: 'Ad Min' };

async function append(db: Kysely<Database>, count: number): Promise<void> {
  for (let n = 0; n < count; n += 1) {
    await withTransaction(db, (trx) =>
      appendAuditEvent(trx, { actor, action: 'request.approved', subject: { type: 'access_request', id: `r${n}` } }),
    );
  }
}

/** Events as the chain held them before it was keyed: plain SHA-256 links. */
async function appendLegacy(db: Kysely<Database>, count: number): Promise<void> {
  let prev = AUDIT_GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const event = {
      seq,
      at: nowIso(),
      actorOid: actor.oid,
      actorName: actor.name,
      action: 'request.created',
      subjectType: 'access_request',
      subjectId: `r${seq}`,
      before: null,
      after: null,
      data: { seq },
    };
    const hash = computeLegacyAuditHash(prev, event);
    const stamps = { created_at: event.at, updated_at: event.at };
    await db
      .insertInto('audit_event')
      .values({
        seq,
        at: event.at,
        actor_oid: actor.oid,
        actor_name: actor.name,
        action: event.action,
        subject_type: event.subjectType,
        subject_id: event.subjectId,
        before: null,
        after: null,
        data: JSON.stringify(event.data),
        prev_hash: prev,
        hash,
        ...stamps,
      })
      .execute();
    prev = hash;
  }
  await db.updateTable('audit_head').set({ last_seq: count, last_hash: prev }).execute();
}

describeEngines('audit checkpoint', (engine) => {
  it('lets a page view verify only the events appended after the checkpoint', async () => {
    const { db } = await engine.openMigrated();
    await append(db, 5);
    expect(await advanceAuditCheckpoint(db, 'genesis')).toMatchObject({ ok: true, checked: 5, lastSeq: 5 });
    await append(db, 2);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 2, lastSeq: 7, fromSeq: 5 });
    expect(await verifyAuditChain(db, { from: 'genesis' })).toMatchObject({ ok: true, checked: 7, fromSeq: 0 });
  });

  it('ignores a checkpoint moved without the key and reports an edit of the checkpointed event', async () => {
    const { db } = await engine.openMigrated();
    await append(db, 4);
    await advanceAuditCheckpoint(db);
    await db.updateTable('audit_event').set({ data: '{"forged":true}' }).where('seq', '=', 2).execute();
    const row3 = await db.selectFrom('audit_event').select('hash').where('seq', '=', 3).executeTakeFirstOrThrow();
    // Moving the checkpoint to just after the edit, with a made-up MAC, does not hide it.
    await db
      .updateTable('audit_checkpoint')
      .set({ verified_seq: 3, verified_hash: row3.hash, mac: 'a'.repeat(64) })
      .execute();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 2, reason: 'hash-mismatch', fromSeq: 0 });

    await advanceAuditCheckpoint(db, 'genesis');
    expect(await db.selectFrom('audit_checkpoint').selectAll().execute()).toEqual([]);
  });

  it('reports the checkpointed event when it was rewritten, and a full pass finds an edit before the checkpoint', async () => {
    const { db } = await engine.openMigrated();
    await append(db, 4);
    await advanceAuditCheckpoint(db);
    await db.updateTable('audit_event').set({ data: '{"forged":true}' }).where('seq', '=', 2).execute();
    await rehashWithoutKey(db, 2);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 4, reason: 'hash-mismatch' });
    expect(await advanceAuditCheckpoint(db, 'genesis')).toMatchObject({ ok: false, brokenSeq: 2, reason: 'hash-mismatch' });
  });

  it('continues a legacy SHA-256 chain once a keyed event seals it, and detects a legacy event rewritten afterwards', async () => {
    const { db } = await engine.openMigrated();
    await appendLegacy(db, 3);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, reason: 'unsealed', brokenSeq: 3 });
    expect(await sealLegacyAuditChain(db)).toBe(true);
    expect(await sealLegacyAuditChain(db)).toBe(false);
    await append(db, 1);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 5, lastSeq: 5 });
    const seal = await db.selectFrom('audit_event').select(['action', 'data']).where('seq', '=', 4).executeTakeFirstOrThrow();
    expect(seal).toEqual({ action: 'audit.chain.keyed', data: '{"legacyThrough":3}' });

    await db.updateTable('audit_event').set({ subject_id: 'r-forged' }).where('seq', '=', 2).execute();
    await rehashWithoutKey(db, 2, 3);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 4, reason: 'hash-mismatch' });
    // Relabelling the keyed events as legacy too leaves a chain that nothing keyed vouches for.
    await rehashWithoutKey(db, 2);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenSeq: 5, reason: 'unsealed' });
  });
});
