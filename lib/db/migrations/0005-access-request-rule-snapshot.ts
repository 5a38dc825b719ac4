import type { Kysely } from 'kysely';

// The approval rule in force when a request was submitted (JSON), so a rule loosened while it waits cannot let it
// through with fewer approvals. Null for requests submitted before this migration: only the rule in force now applies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_request').addColumn('rule_snapshot', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('access_request').dropColumn('rule_snapshot').execute();
}
