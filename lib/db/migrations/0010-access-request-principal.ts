import { sql, type Kysely } from 'kysely';
import { withTimestamps } from './schema-helpers';

// Requests for workloads: the principal that gets the app role is either the requester ('user', every row before this
// migration) or a client service principal the requester owns ('service-principal': principal_id = its object id,
// client_app_id = its appId, client_sp_type = Graph's servicePrincipalType, 'Application' or 'ManagedIdentity').
// access_request_client_owner snapshots the client's owners at submission, so no owner of the client decides its request.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('access_request')
    .addColumn('principal_type', 'text', (col) =>
      col
        .notNull()
        .defaultTo('user')
        .check(sql`principal_type in ('user', 'service-principal')`),
    )
    .execute();
  await db.schema.alterTable('access_request').addColumn('principal_id', 'text').execute();
  await db.schema.alterTable('access_request').addColumn('client_app_id', 'text').execute();
  await db.schema.alterTable('access_request').addColumn('client_display_name', 'text').execute();
  await db.schema
    .alterTable('access_request')
    .addColumn('client_sp_type', 'text', (col) => col.check(sql`client_sp_type in ('Application', 'ManagedIdentity')`))
    .execute();
  await db.schema.createIndex('access_request_principal_idx').on('access_request').column('principal_id').execute();

  await withTimestamps(
    db.schema
      .createTable('access_request_client_owner')
      .addColumn('request_id', 'text', (col) => col.notNull().references('access_request.id').onDelete('cascade'))
      .addColumn('owner_oid', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('access_request_client_owner_pk', ['request_id', 'owner_oid']),
  ).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_request_client_owner').execute();
  await db.schema.dropIndex('access_request_principal_idx').execute();
  for (const column of ['client_sp_type', 'client_display_name', 'client_app_id', 'principal_id', 'principal_type'])
    await db.schema.alterTable('access_request').dropColumn(column).execute();
}
