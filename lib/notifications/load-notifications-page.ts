import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { countUnread, listInbox } from './notification-inbox';
import { readPreferences } from './notification-preferences';

/** The notifications page: the person's bell items and their choices of what they are told about. */
export async function loadNotificationsPage(user: PortalUser, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const [items, preferences] = await Promise.all([listInbox(conn, user.oid), readPreferences(conn, user.oid)]);
  return { items, unread: items.filter((i) => !i.read).length, preferences };
}

/** The bell's number in the app shell. */
export async function loadUnreadNotifications(user: PortalUser, database?: Kysely<Database>): Promise<number> {
  return countUnread(database ?? (await db()), user.oid);
}
