// Rule: audit CSV follows RFC 4180, never lets a cell run as a spreadsheet formula, and stays lossless (a leading apostrophe is escaped too).
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from './audit-event';
import { auditEventsToCsv, csvCell, csvRow } from './audit-csv';

describe('csvCell', () => {
  it('quotes cells holding commas, quotes, CR or LF and doubles inner quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('prefixes text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell("'quoted")).toBe("''quoted");
    expect(csvCell(-5)).toBe('-5');
  });

  it('ends every record with CRLF', () => {
    expect(csvRow(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});

describe('auditEventsToCsv', () => {
  it('writes a header and one record per event, JSON columns as text', () => {
    const event: AuditEvent = {
      seq: 7,
      at: '2026-11-27T06:30:00.000Z',
      actorOid: null,
      actorName: '=cmd|calc',
      action: 'request.approved',
      subjectType: 'access_request',
      subjectId: 'r1',
      before: { status: 'pending' },
      after: null,
      data: { note: 'ok, "fine"' },
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    };
    const lines = auditEventsToCsv([event]).split('\r\n');
    expect(lines[0]).toBe('seq,at,actor_oid,actor_name,action,subject_type,subject_id,before,after,data,prev_hash,hash');
    expect(lines[1]).toBe(
      `7,2026-11-27T06:30:00.000Z,,'=cmd|calc,request.approved,access_request,r1,"{""status"":""pending""}",,"{""note"":""ok, \\""fine\\""""}",${'a'.repeat(64)},${'b'.repeat(64)}`,
    );
    expect(lines[2]).toBe('');
    expect(lines).toHaveLength(3);
  });
});
