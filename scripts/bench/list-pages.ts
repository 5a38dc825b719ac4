// The long lists at scale: the approval queue and the audit log, first pages, the next page by its link, and a page deep
// in the list by its keyset cursor, viewed by several admins at once. Keyset paging should make the deep page cost what
// the first does, and the list's size should not show in either.
import type { Kysely } from 'kysely';
import { USERS } from '../../emulator/seed/demo-tenant';
import type { Database } from '../../lib/db/types';
import { signIn, type HttpSession } from './http-session';
import { ms, percentile, timed } from './numbers';

export interface ListPageRow {
  key: string;
  n: number;
  p50: number;
  p95: number;
  /** Mean HTML bytes of one view. */
  bytes: number;
}

const KINDS = ['queue first', 'queue next', 'queue deep', 'audit first', 'audit next', 'audit deep', 'audit filtered'] as const;
type Kind = (typeof KINDS)[number];

function nextLink(html: string): string | null {
  const anchor = /<a\b[^>]*\brel="next"[^>]*>/.exec(html)?.[0];
  const href = anchor ? /\bhref="([^"]*)"/.exec(anchor)?.[1] : undefined;
  return href ? href.replaceAll('&amp;', '&') : null;
}

async function get(session: HttpSession, url: string): Promise<{ ms: number; html: string }> {
  const { ms: took, value } = await timed(async () => {
    const response = await session.request(url);
    return { status: response.status, html: await response.text() };
  });
  if (value.status !== 200) throw new Error(`GET ${url} answered ${value.status}`);
  if (value.html.includes('This page link is not valid')) throw new Error(`GET ${url} said its cursor is not valid`);
  return { ms: took, html: value.html };
}

/** Cursors a quarter and nine tenths of the way into each list, read from the database. */
async function deepCursors(db: Kysely<Database>): Promise<{ queue: string; audit: string }> {
  const pending = await db
    .selectFrom('access_request')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  const row = await db
    .selectFrom('access_request')
    .select(['created_at', 'id'])
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .offset(Math.floor(Number(pending?.n ?? 0) * 0.9))
    .limit(1)
    .executeTakeFirst();
  const head = await db.selectFrom('audit_head').select('last_seq').executeTakeFirst();
  return {
    queue: row ? `after=${encodeURIComponent(`${row.created_at}~${row.id}`)}` : '',
    audit: `before=${Math.max(2, Math.floor(Number(head?.last_seq ?? 0) * 0.1))}`,
  };
}

export async function measureListPages(portalUrl: string, db: Kysely<Database>, unit: number, sessionsWanted = 10, rounds = 5) {
  const sessions = await Promise.all(Array.from({ length: sessionsWanted }, () => signIn(portalUrl, USERS.priya.oid)));
  const deep = await deepCursors(db);
  const samples = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  const bytes = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  const record = (kind: Kind, view: { ms: number; html: string }) => {
    samples.get(kind)?.push(view.ms);
    bytes.get(kind)?.push(Buffer.byteLength(view.html));
    return view.html;
  };
  await Promise.all(
    sessions.map(async (session) => {
      for (let round = 0; round < rounds; round++) {
        const queue = record('queue first', await get(session, `${portalUrl}/admin/requests`));
        const queueNext = nextLink(queue);
        if (queueNext) record('queue next', await get(session, `${portalUrl}${queueNext}`));
        record('queue deep', await get(session, `${portalUrl}/admin/requests?${deep.queue}`));
        const audit = record('audit first', await get(session, `${portalUrl}/admin/audit`));
        const auditNext = nextLink(audit);
        if (auditNext) record('audit next', await get(session, `${portalUrl}${auditNext}`));
        record('audit deep', await get(session, `${portalUrl}/admin/audit?${deep.audit}`));
        record('audit filtered', await get(session, `${portalUrl}/admin/audit?action=request.submitted`));
      }
    }),
  );
  const rows: ListPageRow[] = KINDS.map((key) => {
    const list = samples.get(key) ?? [];
    const sizes = bytes.get(key) ?? [];
    return {
      key,
      n: list.length,
      p50: percentile(list, 50),
      p95: percentile(list, 95),
      bytes: sizes.length ? sizes.reduce((a, b) => a + b, 0) / sizes.length : Number.NaN,
    };
  });
  for (const r of rows)
    console.log(
      `  ${r.key.padEnd(15)} n=${r.n}  p50 ${ms(r.p50)} (${(r.p50 / unit).toFixed(2)}×)  p95 ${ms(r.p95)} (${(r.p95 / unit).toFixed(2)}×)  ${Math.round(r.bytes / 1024)} KB HTML`,
    );
  return rows;
}
