import 'server-only';
import type { Kysely } from 'kysely';
import { listIndexedApis } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';

/** The indexed APIs whose role maps the policy studio edits. */
export async function loadStudioIndexPage(database?: Kysely<Database>) {
  return listIndexedApis(database ?? (await db()));
}
