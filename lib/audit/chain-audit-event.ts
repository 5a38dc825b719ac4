import 'server-only';
import { nowIso } from '@/lib/db/clock';
import type { AuditEventTable } from '@/lib/db/types';
import type { AuditEvent, AuditEventInput } from './audit-event';
import { computeAuditHash } from './audit-hash';
import { canonicalJson, type JsonValue } from './canonical-json';

/**
 * The event that follows `prev` in the chain (seq + 1, prev_hash = prev's hash, keyed hash over the stored fields) and the
 * row that stores it. The one place an event is hashed, so a single append and a bulk append chain the same way.
 */
export function chainAuditEvent(
  prev: { seq: number; hash: string },
  event: AuditEventInput,
  key?: string,
): { event: AuditEvent; row: AuditEventTable } {
  // Round-trip through canonical JSON so the hashed values are exactly what is stored and read back.
  const json = (value: JsonValue | null | undefined) => (value === undefined || value === null ? null : canonicalJson(value));
  const before = json(event.before);
  const after = json(event.after);
  const data = canonicalJson(event.data ?? {});
  const appended: Omit<AuditEvent, 'hash'> = {
    seq: prev.seq + 1,
    at: event.at ?? nowIso(),
    actorOid: event.actor.oid,
    actorName: event.actor.name,
    action: event.action,
    subjectType: event.subject.type,
    subjectId: event.subject.id,
    before: before === null ? null : (JSON.parse(before) as JsonValue),
    after: after === null ? null : (JSON.parse(after) as JsonValue),
    data: JSON.parse(data) as AuditEvent['data'],
    prevHash: prev.hash,
  };
  const hash = computeAuditHash(appended.prevHash, appended, key);
  const now = nowIso();
  const row: AuditEventTable = {
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
  };
  return { event: { ...appended, hash }, row };
}
