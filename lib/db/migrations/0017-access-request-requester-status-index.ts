import type { Kysely } from 'kysely';

// The approval queue lists the approver's own waiting requests on every view (`listOwnWaiting`), and "My requests"
// lists a requester's requests by status. With only single-column indexes SQLite walked every pending request in
// created_at order to find one person's: 4.4 ms a view at 10,000 pending requests. This index answers both filters
// and the order.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('access_request_requester_status_idx')
    .on('access_request')
    .columns(['requester_oid', 'status', 'created_at'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('access_request_requester_status_idx').execute();
}
