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

/** The audit events matching every given filter. */
function matching(db: Kysely<Database>, filter: AuditEventFilter) {
  let query = db.selectFrom('audit_event');
  if (filter.actorOid !== undefined) query = query.where('actor_oid', '=', filter.actorOid);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.subjectType !== undefined) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<', filter.to);
  return query;
}

/** How many events match the filters, and how many of them are newer than a page starting before `beforeSeq`. */
export async function countAuditEvents(
  db: Kysely<Database>,
  filter: AuditEventFilter,
  beforeSeq?: number,
): Promise<{ total: number; newer: number }> {
  const count = (query: ReturnType<typeof matching>) =>
    query
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
      .then((row) => Number(row?.n ?? 0));
  const [total, newer] = await Promise.all([
    count(matching(db, filter)),
    beforeSeq === undefined ? 0 : count(matching(db, filter).where('seq', '>=', beforeSeq)),
  ]);
  return { total, newer };
}

/** Audit events matching every given filter, newest first, paged by seq (keyset, so pages stay stable while events are appended). */
export async function queryAuditEvents(
  db: Kysely<Database>,
  filter: AuditEventFilter,
  page: { limit?: number; beforeSeq?: number } = {},
): Promise<AuditEventPage> {
  const limit = Math.max(1, Math.min(page.limit ?? 50, MAX_AUDIT_PAGE_SIZE));
  let query = matching(db, filter).selectAll();
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
