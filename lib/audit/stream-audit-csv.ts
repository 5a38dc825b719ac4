import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/types';
import { AUDIT_CSV_COLUMNS, auditEventCsvRow, csvRow } from './audit-csv';
import { queryAuditEvents, type AuditEventFilter } from './query-audit-events';

/**
 * The CSV export of every event matching `filter`, newest first, as chunks for a streamed response:
 * the export reads one page at a time, so its memory does not grow with the size of the log.
 */
export async function* streamAuditCsv(db: Kysely<Database>, filter: AuditEventFilter, pageSize = 500): AsyncGenerator<string> {
  yield csvRow(AUDIT_CSV_COLUMNS);
  let beforeSeq: number | undefined;
  do {
    const page = await queryAuditEvents(db, filter, { limit: pageSize, beforeSeq });
    if (page.events.length > 0) yield page.events.map(auditEventCsvRow).join('');
    beforeSeq = page.nextBeforeSeq ?? undefined;
  } while (beforeSeq !== undefined);
}
