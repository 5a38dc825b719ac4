// Rule: the audit page says where it is among the matching events, and says "more than" whenever a count stopped at its cap.
import { describe, expect, it } from 'vitest';
import { auditPagePosition } from './audit-page-position';

const exact = { totalExact: true, newerExact: true };

describe('auditPagePosition', () => {
  it('counts a single page plainly and later pages by their range', () => {
    expect(auditPagePosition({ total: 3, newer: 0, ...exact }, 3, true)).toBe('3 events');
    expect(auditPagePosition({ total: 1, newer: 0, ...exact }, 1, true)).toBe('1 event');
    expect(auditPagePosition({ total: 1_000_000, newer: 50, ...exact }, 50, false)).toBe('Showing 51–100 of 1,000,000 events');
  });

  it('says "more than" for a count that stopped at the cap', () => {
    expect(auditPagePosition({ total: 10_000, newer: 0, totalExact: false, newerExact: true }, 50, true)).toBe(
      'Showing 1–50 of more than 10,000 events',
    );
    expect(auditPagePosition({ total: 10_000, newer: 10_000, totalExact: false, newerExact: false }, 50, false)).toBe(
      'Showing 50 events after more than 10,000 newer ones, of more than 10,000 events',
    );
  });

  it('names an empty page past the end', () => {
    expect(auditPagePosition({ total: 5, newer: 5, ...exact }, 0, false)).toBe('No more events (5 events match)');
  });
});
