import type { Kysely } from 'kysely';

// The approver group's display name as Entra gave it when the rule was saved, so the rules page names the group without
// a Graph call per page view (the id stays the rule's key; the name is only what the admin reads).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('product_rule').addColumn('approver_group_name', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('product_rule').dropColumn('approver_group_name').execute();
}
