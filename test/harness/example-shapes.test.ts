// Rule: the contract shape check reports missing keys and type changes, and tolerates nulls and truncated examples.
import { describe, expect, it } from 'vitest';
import { loadExample, shapeDifferences } from '@/test/harness/example-shapes';

describe('shapeDifferences', () => {
  it('finds missing keys and type mismatches, nested and in arrays', () => {
    const expected = { id: 'x', n: 1, items: [{ a: true, b: 's' }], inner: { c: [] } };
    expect(shapeDifferences({ id: 'y', n: 2, items: [{ a: false, b: 't' }], inner: { c: [1] }, extra: 1 }, expected)).toEqual([]);
    expect(shapeDifferences({ id: 1, items: [{ a: 'no' }], inner: {} }, expected)).toEqual([
      '$.id: expected string, got number',
      '$.n: missing',
      '$.items[0].a: expected boolean, got string',
      '$.items[0].b: missing',
      '$.inner.c: missing',
    ]);
    expect(shapeDifferences({ id: null, n: 1, items: [], inner: { c: [] }, extra: 1 }, expected, { exact: true })).toEqual([
      '$.extra: not in the example',
    ]);
  });

  it('reads the published fixtures', () => {
    const example = loadExample<{ response: { status: number } }>('graph/user-get.json');
    expect(example.response.status).toBe(200);
  });
});
