import 'server-only';
import type { Kysely } from 'kysely';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { auditPagePosition } from './audit-page-position';
import { parseAuditSearch } from './parse-audit-filters';
import { countAuditEvents, queryAuditEvents } from './query-audit-events';
import { verifyAuditChain } from './verify-audit-chain';

/**
 * One page of the audit log for the filters in the URL (keyset by seq: the page cursor is the seq the page starts
 * before), where it sits among the matching events (counted cheaply, see countAuditEvents), and whether the hash chain
 * still verifies. A malformed cursor reads nothing and says so (`badCursor`).
 */
export async function loadAuditPage(params: Record<string, string | string[] | undefined>, pageSize: number, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const { search, filter, beforeSeq, badCursor } = parseAuditSearch(params);
  if (badCursor)
    return { search, beforeSeq, badCursor, page: { events: [], nextBeforeSeq: null }, position: '', chain: await verifyAuditChain(conn) };
  const [page, counts, chain] = await Promise.all([
    queryAuditEvents(conn, filter, { limit: pageSize, beforeSeq }),
    countAuditEvents(conn, filter, beforeSeq),
    verifyAuditChain(conn),
  ]);
  return { search, beforeSeq, badCursor, page, position: auditPagePosition(counts, page.events.length, beforeSeq === undefined), chain };
}
