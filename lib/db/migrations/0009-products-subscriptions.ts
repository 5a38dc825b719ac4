import type { Kysely } from 'kysely';
import { withTimestamps } from './schema-helpers';

// Product subscriptions ride on the one access request: `kind` says which grant a request is for ('app-role' rows keep working
// unchanged through the default), `product_id` the APIM product and `subscription_id` the APIM subscription Roleport creates.
// `bundle_id` links the parts of one request that asks for a role and a subscription together.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('access_request')
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('app-role'))
    .execute();
  await db.schema.alterTable('access_request').addColumn('product_id', 'text').execute();
  await db.schema.alterTable('access_request').addColumn('subscription_id', 'text').execute();
  await db.schema.alterTable('access_request').addColumn('bundle_id', 'text').execute();
  await db.schema.createIndex('access_request_product_idx').on('access_request').column('product_id').execute();

  await db.schema.alterTable('catalog_product').addColumn('terms', 'text').execute();
  await db.schema.alterTable('catalog_product').addColumn('subscriptions_limit', 'integer').execute();

  // Who approves subscriptions to a product besides portal admins: the members of one Entra group.
  await withTimestamps(
    db.schema
      .createTable('product_rule')
      .addColumn('product_id', 'text', (col) => col.primaryKey())
      .addColumn('approver_group_id', 'text'),
  ).execute();

  // Every subscription APIM lists, as last read: reconciliation and Who has what compare Roleport's grants with it.
  await withTimestamps(
    db.schema
      .createTable('catalog_subscription')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('product_id', 'text')
      .addColumn('apim_user_id', 'text')
      .addColumn('owner_oid', 'text')
      .addColumn('owner_email', 'text')
      .addColumn('display_name', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('created_date', 'text')
      .addColumn('synced_at', 'text', (col) => col.notNull()),
  ).execute();
  await db.schema.createIndex('catalog_subscription_owner_idx').on('catalog_subscription').column('owner_oid').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('catalog_subscription').execute();
  await db.schema.dropTable('product_rule').execute();
  await db.schema.alterTable('catalog_product').dropColumn('subscriptions_limit').execute();
  await db.schema.alterTable('catalog_product').dropColumn('terms').execute();
  await db.schema.dropIndex('access_request_product_idx').execute();
  for (const column of ['bundle_id', 'subscription_id', 'product_id', 'kind'])
    await db.schema.alterTable('access_request').dropColumn(column).execute();
}
