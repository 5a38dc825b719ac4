// Rule: a schema built from zod/mini words every issue as classic zod does (English messages, not "Invalid input"),
// even where classic zod is never loaded, as in a form's browser bundle; so this file imports zod/mini only.
import { describe, expect, it } from 'vitest';
import { decisionSchema, requestSchema } from '@/lib/requests/request-schema';
import { z } from './zod-mini';

const base = { apiId: 'orders', roleId: '0a1d5c3e-1111-4a6b-8e21-000000000001', justification: 'Building the checkout flow.' };
const firstMessage = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('zod/mini configuration', () => {
  it('words default issues in classic zod’s English', () => {
    expect(firstMessage(requestSchema.safeParse({ ...base, durationDays: 0 }))).toBe('Too small: expected number to be >0');
    expect(firstMessage(requestSchema.safeParse({ ...base, durationDays: 5000 }))).toBe('Too big: expected number to be <=3650');
    expect(firstMessage(requestSchema.safeParse({ ...base, durationDays: 1.5 }))).toBe('Invalid input: expected int, received number');
    expect(firstMessage(requestSchema.safeParse({ ...base, apiId: 5 }))).toBe('Invalid input: expected string, received number');
    expect(firstMessage(decisionSchema.safeParse({ verdict: 'approve', expectedVersion: 'x' }))).toBe(
      'Invalid input: expected number, received NaN',
    );
    expect(firstMessage(z.safeParse(z.string().check(z.maxLength(3)), 'abcd'))).toBe('Too big: expected string to have <=3 characters');
  });

  it('keeps the schemas’ own messages', () => {
    expect(firstMessage(decisionSchema.safeParse({ verdict: 'reject', expectedVersion: 1 }))).toBe(
      'Say why you reject the request; the requester will read it.',
    );
    expect(firstMessage(requestSchema.safeParse({ ...base, justification: 'short' }))).toBe(
      'Explain in at least 10 characters why you need this role.',
    );
  });
});
