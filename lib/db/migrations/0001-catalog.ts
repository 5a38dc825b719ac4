import { sql, type Kysely } from 'kysely';
import { withTimestamps } from './schema-helpers';

// Migrations take Kysely<any>: they describe the schema as it was at their time, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    db.schema
      .createTable('catalog_product')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('description', 'text')
      .addColumn('subscription_required', 'integer', (col) => col.notNull())
      .addColumn('approval_required', 'integer', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('catalog_api')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('description', 'text')
      .addColumn('path', 'text', (col) => col.notNull())
      .addColumn('service_url', 'text')
      .addColumn('gateway_base_url', 'text')
      .addColumn('subscription_required', 'integer', (col) => col.notNull())
      .addColumn('app_id', 'text')
      .addColumn('app_source', 'text', (col) => col.notNull())
      .addColumn('access', 'text', (col) => col.notNull())
      .addColumn('products', 'text', (col) => col.notNull())
      .addColumn('operation_count', 'integer', (col) => col.notNull())
      .addColumn('search_text', 'text', (col) => col.notNull())
      .addColumn('synced_at', 'text', (col) => col.notNull())
      .addColumn('sync_error', 'text')
      .addColumn('fingerprint', 'text')
      .addCheckConstraint('catalog_api_app_source_check', sql`app_source in ('policy', 'override', 'none')`),
  ).execute();
  await db.schema.createIndex('catalog_api_app_id_idx').on('catalog_api').column('app_id').execute();

  await withTimestamps(
    db.schema
      .createTable('catalog_operation')
      .addColumn('api_id', 'text', (col) => col.notNull().references('catalog_api.id').onDelete('cascade'))
      .addColumn('id', 'text', (col) => col.notNull())
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('method', 'text', (col) => col.notNull())
      .addColumn('url_template', 'text', (col) => col.notNull())
      .addColumn('description', 'text')
      .addColumn('tag', 'text')
      .addColumn('parameters', 'text', (col) => col.notNull())
      .addColumn('request', 'text', (col) => col.notNull())
      .addColumn('access', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('catalog_operation_pk', ['api_id', 'id']),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('catalog_app')
      .addColumn('app_id', 'text', (col) => col.primaryKey())
      .addColumn('object_id', 'text', (col) => col.notNull())
      .addColumn('service_principal_id', 'text')
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('identifier_uris', 'text', (col) => col.notNull())
      .addColumn('token_version', 'integer')
      .addColumn('app_roles', 'text', (col) => col.notNull())
      .addColumn('owners', 'text', (col) => col.notNull())
      .addColumn('synced_at', 'text', (col) => col.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('catalog_sync')
      .addColumn('scope', 'text', (col) => col.primaryKey())
      .addColumn('started_at', 'text', (col) => col.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('error', 'text')
      .addColumn('calls', 'integer', (col) => col.notNull().defaultTo(0)),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('api_app_override')
      .addColumn('api_id', 'text', (col) => col.primaryKey())
      .addColumn('app_id', 'text', (col) => col.notNull())
      .addColumn('set_by', 'text', (col) => col.notNull()),
  ).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['api_app_override', 'catalog_sync', 'catalog_app', 'catalog_operation', 'catalog_api', 'catalog_product']) {
    await db.schema.dropTable(table).execute();
  }
}
