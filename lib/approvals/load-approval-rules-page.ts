import 'server-only';
import type { Kysely } from 'kysely';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { listRuleSections } from './approval-rule-sections';

/** Every approval rule, grouped by API, for the rule editor. */
export async function loadApprovalRulesPage(database?: Kysely<Database>) {
  return listRuleSections(database ?? (await db()));
}
