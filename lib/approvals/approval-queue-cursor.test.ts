// Rule: a queue page cursor from the URL is either well formed or reported invalid; nothing malformed reaches a query.
import { describe, expect, it } from 'vitest';
import { encodeQueueCursor, parseQueueCursor } from './approval-queue-cursor';

describe('parseQueueCursor', () => {
  it('reads back what encodeQueueCursor wrote', () => {
    const cursor = { createdAt: '2026-11-30T10:00:00.000Z', id: '3f2a7c1e-0000-4000-8000-000000000001' };
    expect(parseQueueCursor(encodeQueueCursor(cursor))).toEqual(cursor);
    expect(parseQueueCursor([encodeQueueCursor(cursor), 'x'])).toEqual(cursor);
  });

  it('has no cursor for an absent or empty value', () => {
    expect(parseQueueCursor(undefined)).toBeUndefined();
    expect(parseQueueCursor('')).toBeUndefined();
  });

  it('rejects anything else', () => {
    for (const raw of [
      'garbage',
      '2026-11-30T10:00:00.000Z',
      '2026-11-30T10:00:00.000Z~',
      '2026-11-30~abc',
      '2026-13-45T10:00:00.000Z~abc',
      "2026-11-30T10:00:00.000Z~abc' or 1=1 --",
      `2026-11-30T10:00:00.000Z~${'a'.repeat(101)}`,
    ])
      expect(parseQueueCursor(raw), raw).toBe('invalid');
  });
});
