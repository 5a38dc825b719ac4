import type { Kysely } from 'kysely';

// Indexes for keyset pagination at ten times the size (10,000 pending requests, a million audit events):
// - the approval queue pages pending requests in (created_at, id) order, so one index range serves every page;
// - the audit log pages newest first by seq within a filter. SQLite's single-column indexes already end in the rowid
//   (= seq), but PostgreSQL's do not, and would sort every matching event to find the newest 51: each filter's index
//   gets seq as its last column, replacing the single-column one it extends.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('access_request_status_created_idx').on('access_request').columns(['status', 'created_at', 'id']).execute();
  await db.schema.createIndex('audit_event_action_seq_idx').on('audit_event').columns(['action', 'seq']).execute();
  await db.schema.createIndex('audit_event_actor_seq_idx').on('audit_event').columns(['actor_oid', 'seq']).execute();
  await db.schema.createIndex('audit_event_subject_seq_idx').on('audit_event').columns(['subject_type', 'subject_id', 'seq']).execute();
  await db.schema.dropIndex('audit_event_action_idx').execute();
  await db.schema.dropIndex('audit_event_actor_idx').execute();
  await db.schema.dropIndex('audit_event_subject_idx').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_event_action_idx').on('audit_event').column('action').execute();
  await db.schema.createIndex('audit_event_actor_idx').on('audit_event').column('actor_oid').execute();
  await db.schema.createIndex('audit_event_subject_idx').on('audit_event').columns(['subject_type', 'subject_id']).execute();
  await db.schema.dropIndex('audit_event_subject_seq_idx').execute();
  await db.schema.dropIndex('audit_event_actor_seq_idx').execute();
  await db.schema.dropIndex('audit_event_action_seq_idx').execute();
  await db.schema.dropIndex('access_request_status_created_idx').execute();
}
