import 'server-only';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import type { RenderedMessage } from './render-notification';

export interface InboxItem {
  id: string;
  kind: string;
  subject: string;
  lines: string[];
  tip?: string;
  link: { path: string; label: string };
  at: string;
  read: boolean;
}

const INBOX_SIZE = 50;

// The bell's items are the outbox's 'portal' rows of one person: every query is scoped by the recipient.
const inbox = (db: Kysely<Database>, userOid: string) =>
  db.selectFrom('notification_delivery').where('recipient', '=', userOid).where('channel', '=', 'portal');

export async function countUnread(db: Kysely<Database>, userOid: string): Promise<number> {
  const row = await inbox(db, userOid)
    .where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The person's latest items, newest first. */
export async function listInbox(db: Kysely<Database>, userOid: string): Promise<InboxItem[]> {
  const rows = await inbox(db, userOid)
    .select(['id', 'kind', 'message', 'created_at', 'read_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(INBOX_SIZE)
    .execute();
  return rows.map((r) => {
    const m = JSON.parse(r.message) as RenderedMessage;
    return {
      id: r.id,
      kind: r.kind,
      subject: m.subject,
      lines: m.lines,
      tip: m.tip,
      link: m.link,
      at: r.created_at,
      read: r.read_at !== null,
    };
  });
}

/** Marks one item, or all of them, read; an id that is not one of the person's own items is refused. */
export async function markRead(db: Kysely<Database>, userOid: string, target: string): Promise<number> {
  const now = nowIso();
  let query = db
    .updateTable('notification_delivery')
    .set({ read_at: now, updated_at: now })
    .where('recipient', '=', userOid)
    .where('channel', '=', 'portal');
  if (target !== 'all') {
    const own = await inbox(db, userOid).select('id').where('id', '=', target).executeTakeFirst();
    if (!own) throw new UserFacingError('That notification is not in your list.', 'not_found', 404);
    query = query.where('id', '=', target);
  }
  const result = await query.where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
