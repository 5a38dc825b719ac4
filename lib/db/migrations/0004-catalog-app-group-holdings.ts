import type { Kysely } from 'kysely';

// Groups that hold each of the app's roles (JSON array), read by the catalog for group grants.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('catalog_app')
    .addColumn('group_holdings', 'text', (col) => col.notNull().defaultTo('[]'))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('catalog_app').dropColumn('group_holdings').execute();
}
