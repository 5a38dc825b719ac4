import { sql, type Kysely } from 'kysely';
import { withTimestamps } from './schema-helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    db.schema
      .createTable('access_request')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('requester_oid', 'text', (col) => col.notNull())
      .addColumn('requester_upn', 'text')
      .addColumn('requester_name', 'text', (col) => col.notNull())
      .addColumn('api_id', 'text', (col) => col.notNull())
      .addColumn('app_id', 'text', (col) => col.notNull())
      .addColumn('resource_sp_id', 'text', (col) => col.notNull())
      .addColumn('role_id', 'text', (col) => col.notNull())
      .addColumn('role_value', 'text', (col) => col.notNull())
      .addColumn('grant_kind', 'text', (col) => col.notNull())
      .addColumn('group_id', 'text')
      .addColumn('justification', 'text', (col) => col.notNull())
      .addColumn('duration_days', 'integer')
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('stage', 'integer', (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('assignment_id', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('failure_reason', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('activated_at', 'text')
      .addColumn('ended_at', 'text')
      .addCheckConstraint('access_request_grant_kind_check', sql`grant_kind in ('direct', 'group')`),
  ).execute();
  await db.schema.createIndex('access_request_requester_idx').on('access_request').column('requester_oid').execute();
  await db.schema.createIndex('access_request_status_idx').on('access_request').column('status').execute();
  await db.schema.createIndex('access_request_api_idx').on('access_request').column('api_id').execute();

  await withTimestamps(
    db.schema
      .createTable('access_decision')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('request_id', 'text', (col) => col.notNull().references('access_request.id').onDelete('cascade'))
      .addColumn('stage', 'integer', (col) => col.notNull())
      .addColumn('approver_oid', 'text', (col) => col.notNull())
      .addColumn('approver_name', 'text', (col) => col.notNull())
      .addColumn('verdict', 'text', (col) => col.notNull())
      .addColumn('note', 'text')
      .addUniqueConstraint('access_decision_request_stage_unique', ['request_id', 'stage'])
      .addCheckConstraint('access_decision_verdict_check', sql`verdict in ('approve', 'reject')`),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('provisioning_job')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('request_id', 'text', (col) => col.notNull().references('access_request.id').onDelete('cascade'))
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_run_at', 'text', (col) => col.notNull())
      .addColumn('locked_by', 'text')
      .addColumn('locked_until', 'text')
      .addColumn('last_error', 'text')
      .addCheckConstraint('provisioning_job_action_check', sql`action in ('assign', 'revoke')`),
  ).execute();
  await db.schema.createIndex('provisioning_job_next_run_idx').on('provisioning_job').column('next_run_at').execute();
  await db.schema.createIndex('provisioning_job_request_idx').on('provisioning_job').column('request_id').execute();

  await withTimestamps(
    db.schema
      .createTable('approval_rule')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('api_id', 'text', (col) => col.notNull())
      .addColumn('role_value', 'text')
      .addColumn('auto_approve', 'integer', (col) => col.notNull())
      .addColumn('stages', 'integer', (col) => col.notNull())
      .addColumn('max_days', 'integer')
      .addColumn('group_id', 'text')
      .addUniqueConstraint('approval_rule_api_role_unique', ['api_id', 'role_value'])
      .addCheckConstraint('approval_rule_stages_check', sql`stages in (1, 2)`)
      .addCheckConstraint('approval_rule_auto_approve_check', sql`auto_approve in (0, 1)`),
  ).execute();
  // UNIQUE treats NULLs as distinct on both engines, so the one whole-API rule (role_value null) needs its own index.
  await db.schema
    .createIndex('approval_rule_whole_api_unique')
    .on('approval_rule')
    .column('api_id')
    .unique()
    .where(sql.ref('role_value'), 'is', null)
    .execute();

  await withTimestamps(
    db.schema
      .createTable('settings')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('value', 'text', (col) => col.notNull()),
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('webhook_delivery')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('event', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_run_at', 'text', (col) => col.notNull())
      .addColumn('last_error', 'text')
      .addColumn('delivered_at', 'text'),
  ).execute();
  await db.schema.createIndex('webhook_delivery_next_run_idx').on('webhook_delivery').column('next_run_at').execute();

  await withTimestamps(
    db.schema
      .createTable('policy_version')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('api_id', 'text', (col) => col.notNull())
      .addColumn('scope', 'text', (col) => col.notNull())
      .addColumn('etag', 'text')
      .addColumn('xml', 'text', (col) => col.notNull())
      .addColumn('applied_by', 'text', (col) => col.notNull())
      .addColumn('applied_at', 'text', (col) => col.notNull())
      .addColumn('batch_id', 'text'),
  ).execute();
  await db.schema.createIndex('policy_version_scope_idx').on('policy_version').columns(['api_id', 'scope', 'applied_at']).execute();
  await db.schema.createIndex('policy_version_batch_idx').on('policy_version').column('batch_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const tables = [
    'policy_version',
    'webhook_delivery',
    'settings',
    'approval_rule',
    'provisioning_job',
    'access_decision',
    'access_request',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
