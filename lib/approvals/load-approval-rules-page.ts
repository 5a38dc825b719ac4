import 'server-only';
import type { Kysely } from 'kysely';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { listRuleSections } from './approval-rule-sections';
import { listProductApprovers } from './list-product-approvers';

/** Every approval rule, grouped by API, and who approves each product's subscriptions, for the rule editor. */
export async function loadApprovalRulesPage(database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const [sections, products] = await Promise.all([listRuleSections(conn), listProductApprovers(conn)]);
  return { sections, products };
}
