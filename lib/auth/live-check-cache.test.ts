// Rule: live checks are shared for their ttl, and the cache holds a bounded number of answers however many people sign in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedLiveCheck, forgetLiveChecks } from './live-check-cache';

afterEach(() => forgetLiveChecks());

describe('cachedLiveCheck', () => {
  it('asks Graph once per key within the ttl', async () => {
    const read = vi.fn(async () => true);
    expect(await cachedLiveCheck('admin:one', read)).toBe(true);
    expect(await cachedLiveCheck('admin:one', read)).toBe(true);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('drops the oldest answers once ten thousand keys are held, so their users are asked again', async () => {
    const first = vi.fn(async () => true);
    await cachedLiveCheck('admin:first', first);
    for (let i = 0; i < 10_000; i++) await cachedLiveCheck(`admin:user-${i}`, async () => false);
    await cachedLiveCheck('admin:first', first);
    expect(first).toHaveBeenCalledTimes(2);
    // The newest answers are still shared.
    const recent = vi.fn(async () => true);
    expect(await cachedLiveCheck('admin:user-9999', recent)).toBe(false);
    expect(recent).not.toHaveBeenCalled();
  });
});
