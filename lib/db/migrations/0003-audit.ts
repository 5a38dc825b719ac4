import { sql, type Kysely } from 'kysely';
import { withTimestamps } from './schema-helpers';

/** prev_hash of the first event: the chain starts from a fixed, well-known value. */
const GENESIS_HASH = '0'.repeat(64);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // seq is assigned from audit_head inside the appending transaction, not by the engine,
  // so it is contiguous (no gaps from rolled-back inserts) and the same column type on both engines.
  await withTimestamps(
    db.schema
      .createTable('audit_event')
      .addColumn('seq', 'integer', (col) => col.primaryKey())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('actor_oid', 'text')
      .addColumn('actor_name', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('subject_type', 'text', (col) => col.notNull())
      .addColumn('subject_id', 'text', (col) => col.notNull())
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .addColumn('data', 'text', (col) => col.notNull())
      .addColumn('prev_hash', 'text', (col) => col.notNull())
      .addColumn('hash', 'text', (col) => col.notNull()),
  ).execute();
  await db.schema.createIndex('audit_event_at_idx').on('audit_event').column('at').execute();
  await db.schema.createIndex('audit_event_actor_idx').on('audit_event').column('actor_oid').execute();
  await db.schema.createIndex('audit_event_action_idx').on('audit_event').column('action').execute();
  await db.schema.createIndex('audit_event_subject_idx').on('audit_event').columns(['subject_type', 'subject_id']).execute();

  await withTimestamps(
    db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (col) => col.primaryKey())
      .addColumn('last_seq', 'integer', (col) => col.notNull())
      .addColumn('last_hash', 'text', (col) => col.notNull())
      .addCheckConstraint('audit_head_single_row', sql`id = 1`),
  ).execute();
  const now = new Date().toISOString();
  await db.insertInto('audit_head').values({ id: 1, last_seq: 0, last_hash: GENESIS_HASH, created_at: now, updated_at: now }).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_head').execute();
  await db.schema.dropTable('audit_event').execute();
}
