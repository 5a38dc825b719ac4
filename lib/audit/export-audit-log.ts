import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { withTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { appendAuditEvent } from './append-audit-event';
import type { AuditEventFilter } from './query-audit-events';
import { streamAuditCsv } from './stream-audit-csv';

/** Records who took a copy of the log (itself part of the log), then streams the filtered log as CSV chunks. */
export async function exportAuditLog(user: PortalUser, filter: AuditEventFilter, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  await withTransaction(conn, (trx) =>
    appendAuditEvent(trx, {
      actor: { oid: user.oid, name: user.name },
      action: 'audit.exported',
      subject: { type: 'audit_log', id: 'csv' },
      data: { filter: { ...filter } },
    }),
  );
  return streamAuditCsv(conn, filter);
}
