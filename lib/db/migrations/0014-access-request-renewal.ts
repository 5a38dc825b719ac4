import type { Kysely } from 'kysely';

// Renewals are requests like any other (same rule snapshot, same stages); renews_request_id names the active grant whose
// end date an approved renewal extends, in place: no second assignment in Entra.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_request').addColumn('renews_request_id', 'text').execute();
  await db.schema.createIndex('access_request_renews_idx').on('access_request').column('renews_request_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('access_request_renews_idx').execute();
  await db.schema.alterTable('access_request').dropColumn('renews_request_id').execute();
}
