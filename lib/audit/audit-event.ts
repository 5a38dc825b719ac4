import 'server-only';
import type { AuditEventRow } from '@/lib/db/types';
import type { JsonValue } from './canonical-json';

/** What a caller records. `actor.oid` is null for the system (workers, sync). */
export interface AuditEventInput {
  actor: { oid: string | null; name: string };
  /** Dotted verb, e.g. 'request.created', 'request.approved', 'policy.applied'. */
  action: string;
  subject: { type: string; id: string };
  before?: JsonValue | null;
  after?: JsonValue | null;
  data?: { [key: string]: JsonValue };
  /** Defaults to now; ISO-8601 UTC with milliseconds. */
  at?: string;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actorOid: string | null;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: JsonValue | null;
  after: JsonValue | null;
  data: { [key: string]: JsonValue };
  prevHash: string;
  hash: string;
}

export function auditEventFromRow(row: AuditEventRow): AuditEvent {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorOid: row.actor_oid,
    actorName: row.actor_name,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    before: row.before === null ? null : (JSON.parse(row.before) as JsonValue),
    after: row.after === null ? null : (JSON.parse(row.after) as JsonValue),
    data: JSON.parse(row.data) as { [key: string]: JsonValue },
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
