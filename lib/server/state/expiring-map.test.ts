// Rule: a per-user cache forgets expired entries and never holds more than its bound, however many people sign in.
import { describe, expect, it } from 'vitest';
import { ExpiringMap } from './expiring-map';

describe('ExpiringMap', () => {
  it('answers an entry until it is ttl old', () => {
    const map = new ExpiringMap<string>(1000, 10);
    map.set('a', 'one', 0);
    expect(map.get('a', 999)).toBe('one');
    expect(map.get('a', 1000)).toBeUndefined();
  });

  it('drops expired entries when a new one is set, so a stream of one-time users does not accumulate', () => {
    const map = new ExpiringMap<number>(1000, 10_000);
    for (let i = 0; i < 5000; i++) map.set(`user-${i}`, i, i * 10);
    // Set at 49,990 ms: only the entries set in the last second are still live.
    expect(map.size).toBe(100);
    expect(map.get('user-4999', 49_990)).toBe(4999);
  });

  it('holds at most maxEntries, dropping the oldest first', () => {
    const map = new ExpiringMap<number>(60_000, 3);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) map.set(key, i, i);
    expect(map.size).toBe(3);
    expect(map.get('a', 4)).toBeUndefined();
    expect(map.get('d', 4)).toBe(3);
  });

  it('moves a key set again to the back, so a refreshed entry is not the next one dropped', () => {
    const map = new ExpiringMap<number>(60_000, 2);
    map.set('a', 1, 0);
    map.set('b', 2, 1);
    map.set('a', 3, 2);
    map.set('c', 4, 3);
    expect(map.get('a', 4)).toBe(3);
    expect(map.get('b', 4)).toBeUndefined();
  });

  it('deletes an entry only while it holds the given value', () => {
    const map = new ExpiringMap<string>(60_000, 10);
    map.set('a', 'old', 0);
    map.set('a', 'new', 1);
    map.delete('a', 'old');
    expect(map.get('a', 2)).toBe('new');
    map.delete('a');
    expect(map.get('a', 2)).toBeUndefined();
  });
});
