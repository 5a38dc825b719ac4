// Rule: the audit filters in the URL become the same query for the page and the CSV export; malformed input is dropped, not passed on.
import { describe, expect, it } from 'vitest';
import { auditQuery, parseAuditSearch } from './parse-audit-filters';

describe('parseAuditSearch', () => {
  it('turns an inclusive day range into an inclusive-exclusive time range', () => {
    const { filter } = parseAuditSearch(new URLSearchParams('from=2026-02-28&to=2026-02-28&action=request.approved'));
    expect(filter).toEqual({ action: 'request.approved', from: '2026-02-28T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
  });

  it('drops malformed dates and page cursors, and bounds text', () => {
    const { search, filter, beforeSeq, badCursor } = parseAuditSearch({
      from: '2026-13-45',
      to: 'yesterday',
      before: '-3',
      subjectId: 'x'.repeat(300),
    });
    expect(search.from).toBe('');
    expect(search.to).toBe('');
    expect(beforeSeq).toBeUndefined();
    expect(badCursor).toBe(true);
    expect(filter.subjectId).toHaveLength(256);
    expect(filter.from).toBeUndefined();
  });

  it('reports a page cursor that is present but not a positive whole number, and accepts none', () => {
    for (const before of ['0', '1.5', '1e3', 'abc', '99999999999999999999'])
      expect(parseAuditSearch({ before }), before).toMatchObject({ beforeSeq: undefined, badCursor: true });
    expect(parseAuditSearch({})).toMatchObject({ beforeSeq: undefined, badCursor: false });
    expect(parseAuditSearch({ before: '42' })).toMatchObject({ beforeSeq: 42, badCursor: false });
  });

  it('round-trips through the query string without empty parameters', () => {
    const { search, beforeSeq } = parseAuditSearch({ actor: ' abc ', before: '120' });
    expect(beforeSeq).toBe(120);
    expect(auditQuery(search)).toBe('actor=abc');
    expect(auditQuery(search, { before: '7' })).toBe('actor=abc&before=7');
  });
});
