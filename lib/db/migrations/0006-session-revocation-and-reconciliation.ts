import type { Kysely } from 'kysely';
import { withTimestamps } from './schema-helpers';

// Sessions ended by sign-out (their cookie must stop working even if copied) and the last reconciliation of each API
// with Entra, which pages show instead of reconciling on every view.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    db.schema
      .createTable('session_revocation')
      .addColumn('session_id', 'text', (col) => col.primaryKey())
      .addColumn('revoked_at', 'text', (col) => col.notNull())
      // After this the session is past its absolute lifetime anyway, and the row can go.
      .addColumn('expires_at', 'text', (col) => col.notNull()),
  ).execute();
  await db.schema.createIndex('session_revocation_expires_idx').on('session_revocation').column('expires_at').execute();

  await withTimestamps(
    db.schema
      .createTable('reconciliation_run')
      .addColumn('api_id', 'text', (col) => col.primaryKey())
      .addColumn('ran_at', 'text', (col) => col.notNull())
      .addColumn('trigger', 'text', (col) => col.notNull())
      .addColumn('actor_name', 'text')
      .addColumn('report', 'text')
      .addColumn('error', 'text'),
  ).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reconciliation_run').execute();
  await db.schema.dropTable('session_revocation').execute();
}
