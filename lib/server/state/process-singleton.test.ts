// Rule: a process singleton is created once and shared by every copy of the modules that ask for it.
import { describe, expect, it, vi } from 'vitest';

describe('processSingleton', () => {
  it('gives a fresh module copy the same value, and creates it once', async () => {
    const create = vi.fn(() => new Map<string, number>([['created', 1]]));
    const first = await import('./process-singleton');
    const value = first.processSingleton('test.shared', create);
    vi.resetModules();
    const second = await import('./process-singleton');
    expect(second).not.toBe(first);
    expect(second.processSingleton('test.shared', create)).toBe(value);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('keeps values of different names apart', async () => {
    const { processSingleton } = await import('./process-singleton');
    expect(processSingleton('test.a', () => ({ name: 'a' }))).not.toBe(processSingleton('test.b', () => ({ name: 'b' })));
  });
});
