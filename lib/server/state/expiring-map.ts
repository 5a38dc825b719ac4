/**
 * A map whose entries count as absent once `ttlMs` old, holding at most `maxEntries`. Per-user caches keyed by object id
 * would otherwise keep an entry for every person who ever signed in, long after it expired. Entries sit in the order
 * they were set, which with one ttl is also the order they expire in, so setting drops expired entries from the front
 * and, when the map is still full, the oldest one.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    return entry && now - entry.at < this.ttlMs ? entry.value : undefined;
  }

  set(key: string, value: V, now = Date.now()): void {
    this.entries.delete(key);
    for (const [oldest, entry] of this.entries) {
      if (now - entry.at < this.ttlMs && this.entries.size < this.maxEntries) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { at: now, value });
  }

  /** Removes the entry only while it still holds `value`, when given: a newer entry set meanwhile stays. */
  delete(key: string, value?: V): void {
    if (value === undefined || this.entries.get(key)?.value === value) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
