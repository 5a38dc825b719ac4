import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { auditEventFromRow, type AuditEvent } from './audit-event';

export interface AuditEventFilter {
  actorOid?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** Inclusive lower bound on `at` (ISO-8601 UTC). */
  from?: string;
  /** Exclusive upper bound on `at` (ISO-8601 UTC). */
  to?: string;
}

export interface AuditEventPage {
  /** Newest first. */
  events: AuditEvent[];
  /** Pass as `beforeSeq` to get the next (older) page; null when there is none. */
  nextBeforeSeq: number | null;
}

export const MAX_AUDIT_PAGE_SIZE = 500;

/** Audit events matching every given filter, newest first, paged by seq (keyset, so pages stay stable while events are appended). */
export async function queryAuditEvents(
  db: Kysely<Database>,
  filter: AuditEventFilter,
  page: { limit?: number; beforeSeq?: number } = {},
): Promise<AuditEventPage> {
  const limit = Math.max(1, Math.min(page.limit ?? 50, MAX_AUDIT_PAGE_SIZE));
  let query = db.selectFrom('audit_event').selectAll();
  if (filter.actorOid !== undefined) query = query.where('actor_oid', '=', filter.actorOid);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.subjectType !== undefined) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<', filter.to);
  if (page.beforeSeq !== undefined) query = query.where('seq', '<', page.beforeSeq);

  // One row more than asked tells whether another page exists without a count query.
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute();
  const events = rows.slice(0, limit).map(auditEventFromRow);
  const last = events.at(-1);
  return { events, nextBeforeSeq: rows.length > limit && last ? last.seq : null };
}
