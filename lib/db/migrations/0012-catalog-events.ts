import type { Kysely } from 'kysely';
import { withTimestamps } from './schema-helpers';

// Freshness from Azure Event Grid (APIM publishes APICreated/Updated/Deleted, Product…, Release…, Subscription…, User…):
// - catalog_event_receipt: the id of every event taken in, so a redelivery (Event Grid delivers at least once, with the
//   same id, retrying for up to 24 hours) is recognised on any replica and refreshes nothing twice.
// - catalog_refresh_queue: one row per target (`api:<id>`, `product:<id>`) due for a targeted refresh; events about the
//   same target within the debounce window coalesce into that row, and one replica claims it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    db.schema
      .createTable('catalog_event_receipt')
      .addColumn('event_id', 'text', (col) => col.primaryKey())
      .addColumn('event_type', 'text', (col) => col.notNull())
      .addColumn('subject', 'text', (col) => col.notNull())
      .addColumn('received_at', 'text', (col) => col.notNull()),
  ).execute();
  await db.schema.createIndex('catalog_event_receipt_received_idx').on('catalog_event_receipt').column('received_at').execute();

  await withTimestamps(
    db.schema
      .createTable('catalog_refresh_queue')
      .addColumn('target', 'text', (col) => col.primaryKey())
      .addColumn('due_at', 'text', (col) => col.notNull())
      .addColumn('reason', 'text', (col) => col.notNull())
      // Bumped by every event for the target, so a refresh that was already running when one arrived runs again.
      .addColumn('generation', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'text'),
  ).execute();
  await db.schema.createIndex('catalog_refresh_queue_due_idx').on('catalog_refresh_queue').column('due_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('catalog_refresh_queue').execute();
  await db.schema.dropTable('catalog_event_receipt').execute();
}
