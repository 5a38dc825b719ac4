import 'server-only';
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { AuditEvent } from './audit-event';

/** prev_hash of event 1 (also the initial audit_head.last_hash written by the audit migration). */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Omit<AuditEvent, 'prevHash' | 'hash'>;

/**
 * sha256(prev_hash + canonical JSON of the event's fields), hex. The seq is inside the hashed fields,
 * so moving, dropping or inserting a row breaks the chain as surely as editing one.
 */
export function computeAuditHash(prevHash: string, fields: HashedFields): string {
  const payload = canonicalJson({
    seq: fields.seq,
    at: fields.at,
    actorOid: fields.actorOid,
    actorName: fields.actorName,
    action: fields.action,
    subjectType: fields.subjectType,
    subjectId: fields.subjectId,
    before: fields.before,
    after: fields.after,
    data: fields.data,
  });
  return createHash('sha256')
    .update(prevHash + payload)
    .digest('hex');
}
