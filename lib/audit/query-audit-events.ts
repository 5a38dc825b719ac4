import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { auditEventFromRow, type AuditEvent } from './audit-event';
import { auditHeadSeq } from './audit-head-seq';

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

/** Counting stops here: a filter matching a large part of a million events would otherwise scan them on every view. */
export const AUDIT_COUNT_CAP = 10_000;

export interface AuditEventCounts {
  /** Events matching the filters; the cap when `totalExact` is false (there are more). */
  total: number;
  /** Of those, events at or after `beforeSeq` (shown on earlier pages); the cap when `newerExact` is false. */
  newer: number;
  totalExact: boolean;
  newerExact: boolean;
}

const unfiltered = (filter: AuditEventFilter) => Object.values(filter).every((value) => value === undefined);

/**
 * How many events match the filters, and how many of them are newer than a page starting before `beforeSeq`. Cheap at
 * any size: without filters both come from the head (seq is contiguous from 1, which the chain check vouches for); with
 * filters each count reads at most `cap` + 1 index entries and reports "more than `cap`" beyond that.
 */
export async function countAuditEvents(
  db: Kysely<Database>,
  filter: AuditEventFilter,
  beforeSeq?: number,
  cap = AUDIT_COUNT_CAP,
): Promise<AuditEventCounts> {
  if (unfiltered(filter)) {
    const total = await auditHeadSeq(db);
    const newer = beforeSeq === undefined ? 0 : Math.min(total, Math.max(0, total - beforeSeq + 1));
    return { total, newer, totalExact: true, newerExact: true };
  }
  const count = (query: ReturnType<typeof matching>) =>
    db
      .selectFrom(
        query
          .select('seq')
          .limit(cap + 1)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
      .then((row) => Number(row?.n ?? 0));
  const [total, newer] = await Promise.all([
    count(matching(db, filter)),
    beforeSeq === undefined ? 0 : count(matching(db, filter).where('seq', '>=', beforeSeq)),
  ]);
  return { total: Math.min(total, cap), newer: Math.min(newer, cap), totalExact: total <= cap, newerExact: newer <= cap };
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
