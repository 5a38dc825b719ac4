// Rule: actions on a request name it and the version the page showed; anything else is refused before the domain runs.
import { describe, expect, it } from 'vitest';
import { requestRefSchema, revocationSchema } from './request-ref-schema';

describe('requestRefSchema', () => {
  it('accepts an id and a version from a form', () => {
    expect(requestRefSchema.parse({ requestId: ' abc ', expectedVersion: '3' })).toEqual({ requestId: 'abc', expectedVersion: 3 });
  });

  it('refuses a missing id, an oversized id and a version that is not a positive integer', () => {
    expect(requestRefSchema.safeParse({ requestId: '', expectedVersion: 1 }).success).toBe(false);
    expect(requestRefSchema.safeParse({ requestId: 'x'.repeat(101), expectedVersion: 1 }).success).toBe(false);
    for (const expectedVersion of [0, -1, 1.5, 'two'])
      expect(requestRefSchema.safeParse({ requestId: 'a', expectedVersion }).success).toBe(false);
  });

  it('bounds a revocation reason', () => {
    expect(revocationSchema.safeParse({ requestId: 'a', expectedVersion: 1, reason: 'x'.repeat(1001) }).success).toBe(false);
    expect(revocationSchema.parse({ requestId: 'a', expectedVersion: 1, reason: ' left the team ' }).reason).toBe('left the team');
  });
});
