import 'server-only';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import { NOTIFICATION_KINDS, PERSONAL_CHANNELS, type NotificationKind, type PersonalChannel } from './notification-kinds';

export type NotificationPreferences = Record<NotificationKind, Record<PersonalChannel, boolean>>;

/** Everything on: a person hears about everything until they turn a kind off. */
export function defaultPreferences(): NotificationPreferences {
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, Object.fromEntries(PERSONAL_CHANNELS.map((c) => [c, true]))]),
  ) as NotificationPreferences;
}

export async function readPreferences(db: Kysely<Database>, userOid: string): Promise<NotificationPreferences> {
  const prefs = defaultPreferences();
  const rows = await db
    .selectFrom('notification_preference')
    .select(['kind', 'channel', 'enabled'])
    .where('user_oid', '=', userOid)
    .execute();
  for (const row of rows) {
    const kind = prefs[row.kind as NotificationKind];
    if (kind && (PERSONAL_CHANNELS as readonly string[]).includes(row.channel))
      kind[row.channel as PersonalChannel] = Number(row.enabled) === 1;
  }
  return prefs;
}

/** `${oid}:${channel}` for each of these people who turned this kind off on that channel. */
export async function turnedOff(db: Kysely<Database>, userOids: string[], kind: NotificationKind): Promise<Set<string>> {
  if (userOids.length === 0) return new Set();
  const rows = await db
    .selectFrom('notification_preference')
    .select(['user_oid', 'channel'])
    .where('user_oid', 'in', userOids)
    .where('kind', '=', kind)
    .where('enabled', '=', 0)
    .execute();
  return new Set(rows.map((r) => `${r.user_oid}:${r.channel}`));
}

/** Stores the whole set of choices (one row per kind and channel). */
export async function savePreferences(db: Kysely<Database>, userOid: string, prefs: NotificationPreferences): Promise<void> {
  const now = nowIso();
  const rows = NOTIFICATION_KINDS.flatMap((kind) =>
    PERSONAL_CHANNELS.map((channel) => ({
      user_oid: userOid,
      kind,
      channel,
      enabled: prefs[kind][channel] ? (1 as const) : (0 as const),
      created_at: now,
      updated_at: now,
    })),
  );
  await db
    .insertInto('notification_preference')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['user_oid', 'kind', 'channel']).doUpdateSet((eb) => ({ enabled: eb.ref('excluded.enabled'), updated_at: now })),
    )
    .execute();
}
