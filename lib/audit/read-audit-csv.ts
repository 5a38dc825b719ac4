import 'server-only';
import { AUDIT_CSV_COLUMNS } from './audit-csv';
import type { AuditEvent } from './audit-event';
import type { JsonValue } from './canonical-json';
import { parseCsv } from './parse-csv';

export class AuditCsvError extends Error {
  override name = 'AuditCsvError';
  constructor(
    message: string,
    readonly line: number | null,
    readonly seq: number | null = null,
  ) {
    super(message);
  }
}

// The export writes a leading apostrophe before a formula character or an apostrophe (audit-csv.ts); undo exactly one.
const text = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);
const json = (cell: string) => JSON.parse(text(cell)) as JsonValue;

function eventOf(cells: string[]): AuditEvent {
  const [
    seq = '',
    at = '',
    actorOid = '',
    actorName = '',
    action = '',
    subjectType = '',
    subjectId = '',
    before = '',
    after = '',
    data = '',
    prevHash = '',
    hash = '',
  ] = cells;
  if (!/^[1-9]\d*$/.test(seq)) throw new Error(`seq "${seq}" is not a positive integer`);
  return {
    seq: Number(seq),
    at: text(at),
    // Empty cells are how the export writes null (actor_oid of the system, no before/after).
    actorOid: actorOid ? text(actorOid) : null,
    actorName: text(actorName),
    action: text(action),
    subjectType: text(subjectType),
    subjectId: text(subjectId),
    before: before ? json(before) : null,
    after: after ? json(after) : null,
    data: json(data) as AuditEvent['data'],
    prevHash,
    hash,
  };
}

/** The events of an audit export, in file order, each with the line it starts on; throws AuditCsvError naming the line. */
export function readAuditCsv(csv: string): { line: number; event: AuditEvent }[] {
  let records;
  try {
    records = parseCsv(csv.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AuditCsvError(`not a CSV file: ${(error as Error).message}`, null);
  }
  const [header, ...body] = records;
  if (header?.cells.join(',') !== AUDIT_CSV_COLUMNS.join(',')) {
    throw new AuditCsvError(`the header is not Roleport's audit export header (${AUDIT_CSV_COLUMNS.join(',')})`, 1);
  }
  return body.map((record) => {
    if (record.cells.length !== AUDIT_CSV_COLUMNS.length) {
      throw new AuditCsvError(`the row has ${record.cells.length} cells, not ${AUDIT_CSV_COLUMNS.length}`, record.line);
    }
    try {
      return { line: record.line, event: eventOf(record.cells) };
    } catch (error) {
      throw new AuditCsvError(`the row cannot be read: ${(error as Error).message}`, record.line, Number(record.cells[0]) || null);
    }
  });
}
