import type { Kysely } from 'kysely';

// Which version of a versioned API (APIM version set) a catalog row is, as JSON; null for an unversioned API.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('catalog_api').addColumn('version', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('catalog_api').dropColumn('version').execute();
}
