import 'server-only';
import { createHash, createHmac } from 'node:crypto';
import { auditHmacKey } from '@/lib/env';
import { canonicalJson } from './canonical-json';
import type { AuditEvent } from './audit-event';

/** prev_hash of event 1 (also the initial audit_head.last_hash written by the audit migration). */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export type HashedFields = Omit<AuditEvent, 'prevHash' | 'hash'>;

function payloadOf(prevHash: string, fields: HashedFields): string {
  return (
    prevHash +
    canonicalJson({
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
    })
  );
}

/**
 * HMAC-SHA256(audit key, prev_hash + canonical JSON of the event's fields), hex. The key lives outside the
 * database (AUDIT_HMAC_KEY), so someone who can write the database can edit an event but cannot compute the
 * hashes that would hide the edit. The seq is inside the hashed fields, so moving, dropping or inserting a row
 * breaks the chain as surely as editing one.
 */
export function computeAuditHash(prevHash: string, fields: HashedFields, key: string = auditHmacKey()): string {
  return createHmac('sha256', key).update(payloadOf(prevHash, fields)).digest('hex');
}

/**
 * The unkeyed sha256 of the same input: how events were hashed before the chain was keyed. Verification still
 * accepts it for those events, but only as the start of the chain (see audit-chain-checker.ts).
 */
export function computeLegacyAuditHash(prevHash: string, fields: HashedFields): string {
  return createHash('sha256').update(payloadOf(prevHash, fields)).digest('hex');
}
