import 'server-only';
import type { Transaction } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import { dialectOf } from '@/lib/db/dialect';
import type { Database } from '@/lib/db/types';
import type { AuditEvent, AuditEventInput } from './audit-event';
import { computeAuditHash } from './audit-hash';
import { canonicalJson, type JsonValue } from './canonical-json';

/**
 * Appends one event to the hash chain inside the caller's transaction, so the state change and its audit
 * event commit (or roll back) together.
 *
 * The audit_head row serialises appenders: on PostgreSQL it is locked with SELECT … FOR UPDATE until the
 * caller's transaction ends; on SQLite the transaction already holds the write lock (`begin immediate`).
 * Call it as the last write of the transaction: the head lock is held until commit, and taking it last keeps
 * the lock order (domain rows, then audit_head) the same everywhere, so transactions cannot deadlock on it.
 */
export async function appendAuditEvent(trx: Transaction<Database>, event: AuditEventInput): Promise<AuditEvent> {
  if (!trx.isTransaction) throw new Error('appendAuditEvent must run inside a transaction');

  let headQuery = trx.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1);
  if (dialectOf(trx) === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirst();
  if (!head) throw new Error('audit_head is missing: the database has not been migrated');

  // Round-trip through canonical JSON so the hashed values are exactly what is stored and read back.
  const json = (value: JsonValue | null | undefined) => (value === undefined || value === null ? null : canonicalJson(value));
  const before = json(event.before);
  const after = json(event.after);
  const data = canonicalJson(event.data ?? {});
  const appended: Omit<AuditEvent, 'hash'> = {
    seq: Number(head.last_seq) + 1,
    at: event.at ?? nowIso(),
    actorOid: event.actor.oid,
    actorName: event.actor.name,
    action: event.action,
    subjectType: event.subject.type,
    subjectId: event.subject.id,
    before: before === null ? null : (JSON.parse(before) as JsonValue),
    after: after === null ? null : (JSON.parse(after) as JsonValue),
    data: JSON.parse(data) as AuditEvent['data'],
    prevHash: head.last_hash,
  };
  const hash = computeAuditHash(appended.prevHash, appended);
  const now = nowIso();

  await trx
    .insertInto('audit_event')
    .values({
      seq: appended.seq,
      at: appended.at,
      actor_oid: appended.actorOid,
      actor_name: appended.actorName,
      action: appended.action,
      subject_type: appended.subjectType,
      subject_id: appended.subjectId,
      before,
      after,
      data,
      prev_hash: appended.prevHash,
      hash,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await trx.updateTable('audit_head').set({ last_seq: appended.seq, last_hash: hash, updated_at: now }).where('id', '=', 1).execute();
  return { ...appended, hash };
}
