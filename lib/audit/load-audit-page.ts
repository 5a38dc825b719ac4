import 'server-only';
import type { Kysely } from 'kysely';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { parseAuditSearch } from './parse-audit-filters';
import { countAuditEvents, queryAuditEvents } from './query-audit-events';
import { verifyAuditChain } from './verify-audit-chain';

/** One page of the audit log for the filters in the URL, where it sits among the matching events, and whether the hash chain still verifies. */
export async function loadAuditPage(params: Record<string, string | string[] | undefined>, pageSize: number, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const { search, filter, beforeSeq } = parseAuditSearch(params);
  const [page, counts, chain] = await Promise.all([
    queryAuditEvents(conn, filter, { limit: pageSize, beforeSeq }),
    countAuditEvents(conn, filter, beforeSeq),
    verifyAuditChain(conn),
  ]);
  return { search, beforeSeq, page, counts, chain };
}
