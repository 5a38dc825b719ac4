import 'server-only';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';

/** What a full sync learns about the service as a whole; a one-API refresh reuses it. */
export interface ServiceSnapshot {
  gatewayUrl: string;
  globalPolicy: string | null;
  namedValues: Record<string, string>;
  /** Policy fragments by id (absent in snapshots written before fragments were read). */
  fragments?: Record<string, string>;
}

const KEY = 'catalog.service';

export async function readServiceSnapshot(db: Kysely<Database>): Promise<ServiceSnapshot | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as ServiceSnapshot) : null;
}

export async function writeServiceSnapshot(db: Kysely<Database>, snapshot: ServiceSnapshot): Promise<void> {
  const now = nowIso();
  const value = JSON.stringify(snapshot);
  await db
    .insertInto('settings')
    .values({ key: KEY, value, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}
