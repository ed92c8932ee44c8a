// A cache that forgets what it has not used for longest once it holds `limit` entries. The
// shaping and measuring caches are keyed by text: unbounded, a full build kept every word of every
// locale (and its shaped glyphs) until the end, and memory grew with the number of locales. Each
// cached value is a pure function of its key, so forgetting one costs time, never different bytes.

export class LruMap<K, V> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private entries = new Map<K, V>();

  constructor(readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }

  clear(): void {
    this.entries.clear();
  }
}
