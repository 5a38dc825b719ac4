import { sql, type Kysely } from 'kysely';
import { withTimestamps } from './schema-helpers';

// Three additions for the security review:
// - audit_checkpoint: how far the audit chain has been verified (seq + hash, sealed by an HMAC whose key is
//   not in the database), so a page view verifies only the events appended since. No row means "from the start".
//   Existing events keep their plain SHA-256 hashes: the chain continues from them, and the first keyed event's
//   HMAC covers the last legacy hash, which seals every legacy event before it (see lib/audit/audit-chain-checker.ts).
// - rate_limit_counter: per-user fixed-window counters shared by every replica.
// - an index for purging delivered webhook rows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    db.schema
      .createTable('audit_checkpoint')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('verified_seq', 'integer', (col) => col.notNull())
      .addColumn('verified_hash', 'text', (col) => col.notNull())
      .addColumn('mac', 'text', (col) => col.notNull())
      .addCheckConstraint('audit_checkpoint_single_row', sql`id = 1`),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('rate_limit_counter')
      .addColumn('bucket', 'text', (col) => col.notNull())
      .addColumn('subject', 'text', (col) => col.notNull())
      .addColumn('window_start', 'text', (col) => col.notNull())
      .addColumn('count', 'integer', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('rate_limit_counter_pk', ['bucket', 'subject', 'window_start']),
  ).execute();
  await db.schema.createIndex('rate_limit_counter_expires_idx').on('rate_limit_counter').column('expires_at').execute();

  await db.schema.createIndex('webhook_delivery_delivered_idx').on('webhook_delivery').column('delivered_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('webhook_delivery_delivered_idx').execute();
  await db.schema.dropTable('rate_limit_counter').execute();
  await db.schema.dropTable('audit_checkpoint').execute();
}
