// Rule: a count and its noun agree, one is singular, every other count (zero included) plural, and large counts are grouped.
import { describe, expect, it } from 'vitest';
import { plural } from './plural';

describe('plural', () => {
  it('uses the singular for exactly one', () => {
    expect(plural(1, 'operation')).toBe('1 operation');
    expect(plural(1, 'policy', 'policies')).toBe('1 policy');
  });

  it('uses the plural for zero and for more than one', () => {
    expect(plural(0, 'operation')).toBe('0 operations');
    expect(plural(2, 'policy', 'policies')).toBe('2 policies');
    expect(plural(12, 'day')).toBe('12 days');
  });

  it('groups thousands so long lists read at a glance', () => {
    expect(plural(5000, 'API')).toBe('5,000 APIs');
  });
});
