import { sql, type Kysely } from 'kysely';
import { withTimestamps } from './schema-helpers';

// Telling people what happened: email (Graph sendMail), a Teams channel (incoming webhook) and the portal's bell.
// - notification_event: one row per thing worth telling, written in the transaction of the change itself; its
//   event_key is unique, so the same change queued twice (a retried job) is one event.
// - notification_delivery: the outbox, one row per event, recipient and channel (UNIQUE), so fanning an event out
//   again never adds a second email, card or bell item; a delivered row keeps sent_at and is never sent again.
//   Bell items are the 'portal' channel's rows, read when read_at is set.
// - notification_preference: a person turning one kind off on one channel (no row = on).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    db.schema
      .createTable('notification_event')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('event_key', 'text', (col) => col.notNull().unique())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('request_id', 'text')
      .addColumn('payload', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_run_at', 'text', (col) => col.notNull())
      .addColumn('fanned_out_at', 'text')
      .addColumn('last_error', 'text'),
  ).execute();
  await db.schema.createIndex('notification_event_due_idx').on('notification_event').columns(['fanned_out_at', 'next_run_at']).execute();

  await withTimestamps(
    db.schema
      .createTable('notification_delivery')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('event_key', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      // A person's object id, or 'channel' for the Teams channel.
      .addColumn('recipient', 'text', (col) => col.notNull())
      .addColumn('channel', 'text', (col) => col.notNull())
      .addColumn('address', 'text')
      .addColumn('message', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_run_at', 'text', (col) => col.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('read_at', 'text')
      .addColumn('last_error', 'text')
      .addUniqueConstraint('notification_delivery_once', ['event_key', 'recipient', 'channel'])
      .addCheckConstraint('notification_delivery_channel', sql`channel in ('email', 'teams', 'portal')`),
  ).execute();
  await db.schema.createIndex('notification_delivery_due_idx').on('notification_delivery').columns(['sent_at', 'next_run_at']).execute();
  await db.schema
    .createIndex('notification_delivery_inbox_idx')
    .on('notification_delivery')
    .columns(['recipient', 'channel', 'read_at'])
    .execute();

  await withTimestamps(
    db.schema
      .createTable('notification_preference')
      .addColumn('user_oid', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('channel', 'text', (col) => col.notNull())
      .addColumn('enabled', 'integer', (col) => col.notNull())
      .addPrimaryKeyConstraint('notification_preference_pk', ['user_oid', 'kind', 'channel']),
  ).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_preference').execute();
  await db.schema.dropTable('notification_delivery').execute();
  await db.schema.dropTable('notification_event').execute();
}
