// Rule: the bench's percentiles use nearest rank and a target row passes only when its measured value meets it.
import { describe, expect, it } from 'vitest';
import { passes, percentile, summaryTable } from './numbers';

describe('percentile', () => {
  it('takes the nearest rank of the sorted samples', () => {
    const samples = [50, 10, 40, 20, 30, 100, 90, 80, 70, 60];
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(100);
    expect(percentile(samples, 10)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
  });

  it('has no value without samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summary rows', () => {
  it('passes a maximum at or below the target and an exact count only when equal', () => {
    expect(passes({ name: 'a', value: 1.2, unit: '×', target: 1.2, kind: 'max' })).toBe(true);
    expect(passes({ name: 'a', value: 1.21, unit: '×', target: 1.2, kind: 'max' })).toBe(false);
    expect(passes({ name: 'd', value: 1, unit: '', target: 0, kind: 'exact' })).toBe(false);
    expect(passes({ name: 'd', value: Number.NaN, unit: '', target: 0, kind: 'max' })).toBe(false);
  });

  it('prints PASS and MISS per row', () => {
    const table = summaryTable([
      { name: 'sync', value: 1.01, unit: '×', target: 1.2, kind: 'max' },
      { name: 'lost', value: 2, unit: '', target: 0, kind: 'exact' },
    ]);
    expect(table).toMatch(/sync\s+1\.01×\s+≤ 1\.20×\s+PASS/);
    expect(table).toMatch(/lost\s+2\s+= 0\s+MISS/);
  });
});
