import 'server-only';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import type { DeliveredEvent } from './parse-event-delivery';
import { targetKey, type RefreshTarget } from './event-target';

/** Events about one target within this window share one refresh. */
export const DEBOUNCE_MS = 300;
/** A claim older than this belongs to a replica that stopped mid-refresh. */
const CLAIM_MS = 2 * 60_000;
/** Event Grid retries a delivery for up to 24 hours (delivery-and-retry); a receipt is kept that long. */
const RECEIPT_RETENTION_MS = 24 * 60 * 60_000;

const later = (ms: number) => new Date(Date.now() + ms).toISOString();

/**
 * Records the event's id; false when it was taken in before (Event Grid delivers at least once, a redelivery keeps
 * the id), on this replica or another.
 */
export async function takeEventOnce(db: Kysely<Database>, event: DeliveredEvent): Promise<boolean> {
  const now = nowIso();
  const inserted = await db
    .insertInto('catalog_event_receipt')
    .values({ event_id: event.id, event_type: event.type, subject: event.subject, received_at: now, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Queues a refresh of the target, due after the debounce window. A target already waiting keeps its due time (events
 * coalesce); one being refreshed gets its generation bumped, so the refresh runs again once more after it finishes.
 */
export async function enqueueRefresh(db: Kysely<Database>, target: RefreshTarget, reason: string): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('catalog_refresh_queue')
    .values({
      target: targetKey(target),
      due_at: later(DEBOUNCE_MS),
      reason,
      claimed_by: null,
      claimed_until: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('target').doUpdateSet((eb) => ({
        generation: eb('catalog_refresh_queue.generation', '+', 1),
        reason,
        updated_at: now,
      })),
    )
    .execute();
}

export interface ClaimedRefresh {
  target: string;
  reason: string;
  generation: number;
}

/** Claims due refreshes for this worker; each target is claimed by one replica at a time. */
export async function claimDueRefreshes(db: Kysely<Database>, workerId: string, limit = 8): Promise<ClaimedRefresh[]> {
  const now = nowIso();
  const due = await db
    .selectFrom('catalog_refresh_queue')
    .select(['target', 'reason', 'generation'])
    .where('due_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('due_at')
    .limit(limit)
    .execute();
  const claimed: ClaimedRefresh[] = [];
  for (const row of due) {
    const result = await db
      .updateTable('catalog_refresh_queue')
      .set({ claimed_by: workerId, claimed_until: later(CLAIM_MS) })
      .where('target', '=', row.target)
      .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_until', '<', now)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.push(row);
  }
  return claimed;
}

/** Done: the row goes, unless an event arrived during the refresh, which makes it due again now. */
export async function finishRefresh(db: Kysely<Database>, workerId: string, claim: ClaimedRefresh): Promise<void> {
  const deleted = await db
    .deleteFrom('catalog_refresh_queue')
    .where('target', '=', claim.target)
    .where('claimed_by', '=', workerId)
    .where('generation', '=', claim.generation)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 1) return;
  await db
    .updateTable('catalog_refresh_queue')
    .set({ claimed_by: null, claimed_until: null, due_at: nowIso(), updated_at: nowIso() })
    .where('target', '=', claim.target)
    .where('claimed_by', '=', workerId)
    .execute();
}

export async function purgeOldReceipts(db: Kysely<Database>): Promise<void> {
  await db
    .deleteFrom('catalog_event_receipt')
    .where('received_at', '<', new Date(Date.now() - RECEIPT_RETENTION_MS).toISOString())
    .execute();
}
