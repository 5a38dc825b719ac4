import 'server-only';
import type { AuditEvent } from './audit-event';

// Spreadsheets execute a cell starting with one of these as a formula (CSV injection); a leading quote
// makes them show it as text. Tab and CR are included because some spreadsheets strip them first.
// A text that itself starts with an apostrophe gets one too, so the export stays lossless: a reader (and
// `npm run audit:verify`) removes exactly one leading apostrophe from every text cell.
const FORMULA_START = /^[=+\-@\t\r']/;

/** One RFC 4180 field: formula-neutralised, then quoted when it holds a comma, quote, CR or LF. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF terminator. */
export function csvRow(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'actor_oid',
  'actor_name',
  'action',
  'subject_type',
  'subject_id',
  'before',
  'after',
  'data',
  'prev_hash',
  'hash',
] as const;

export function auditEventCsvRow(event: AuditEvent): string {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  return csvRow([
    event.seq,
    event.at,
    event.actorOid,
    event.actorName,
    event.action,
    event.subjectType,
    event.subjectId,
    json(event.before),
    json(event.after),
    JSON.stringify(event.data),
    event.prevHash,
    event.hash,
  ]);
}

/** A whole CSV document (header + rows) for a list of events. */
export function auditEventsToCsv(events: Iterable<AuditEvent>): string {
  let csv = csvRow(AUDIT_CSV_COLUMNS);
  for (const event of events) csv += auditEventCsvRow(event);
  return csv;
}
