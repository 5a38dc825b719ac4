import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import type { Database } from '@/lib/db/types';
import { keptUntilChange } from './kept-until-change';
import { decidableScope, decidesNothing } from '@/lib/requests/approver-policy';
import { toRequestView, type AccessRequestView } from '@/lib/requests/request-view';
import { encodeQueueCursor, type QueueCursor } from './approval-queue-cursor';
import { approvalQueueQuery, type ApprovalQueueFilter } from './approval-queue-query';

export interface ApprovalQueuePage {
  requests: AccessRequestView[];
  /** Requests matching the filters, and how many of them come before this page. */
  total: number;
  before: number;
  /** Cursors for the pages either side (`after=` / `before=` in the URL); null at either end. */
  nextCursor: string | null;
  prevCursor: string | null;
}

const cursorOf = (r: AccessRequestView) => encodeQueueCursor({ createdAt: r.createdAt, id: r.id });

/**
 * One page of the approval queue, oldest first, by keyset on (created_at, id): a page is found from the row it starts
 * after (or ends before) through the status/created_at index, never by skipping rows, so page 400 costs what page 1
 * does and a decision made meanwhile neither skips nor repeats a request. Paging back from near the start returns the
 * first page whole. Counts (total, rows before the page) run over the pending requests only, which the queue shows all
 * of anyway.
 */
export async function pageApprovalQueue(
  db: Kysely<Database>,
  user: PortalUser,
  filter: ApprovalQueueFilter,
  at: { after?: QueueCursor; before?: QueueCursor },
  limit: number,
): Promise<ApprovalQueuePage> {
  const scope = await decidableScope(db, user);
  if (decidesNothing(scope)) return { requests: [], total: 0, before: 0, nextCursor: null, prevCursor: null };
  const matching = () => approvalQueueQuery(db, user, scope, filter);
  const forward = (after?: QueueCursor) => {
    let query = matching().selectAll('access_request');
    if (after) query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after.createdAt, after.id)));
    return query
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit + 1)
      .execute();
  };
  let rows;
  let more: boolean;
  if (at.before) {
    const { createdAt, id } = at.before;
    const back = await matching()
      .selectAll('access_request')
      .where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    // Fewer than a full page before the cursor: that is the start, so show the first page as it is now.
    rows = back.length > limit ? back.slice(0, limit).reverse() : (await forward()).slice(0, limit);
    more = true;
  } else {
    const found = await forward(at.after);
    rows = found.slice(0, limit);
    more = found.length > limit;
  }
  const requests = rows.map(toRequestView);
  const first = requests[0];
  // Each count reads every matching request, 5–15 ms at ten thousand; they are kept until a request changes, unless the
  // age filter makes them depend on the clock.
  const count = (name: string, query: ReturnType<typeof matching>) => {
    const counting = () =>
      query
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
        .then((row) => Number(row?.n ?? 0));
    return filter.olderThanDays === undefined
      ? keptUntilChange(
          db,
          [name, user.oid, user.isAdmin, scope, filter, name === 'before' ? [first?.createdAt, first?.id] : null],
          counting,
        )
      : counting();
  };
  const [total, before] = await Promise.all([
    count('total', matching()),
    first
      ? count(
          'before',
          matching().where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(first.createdAt, first.id))),
        )
      : Promise.resolve(0),
  ]);
  const last = requests.at(-1);
  return {
    requests,
    total,
    before,
    nextCursor: more && last && before + requests.length < total ? cursorOf(last) : null,
    prevCursor: first && before > 0 ? cursorOf(first) : null,
  };
}
