// A cache that forgets what it has not used lately once it holds `limit` entries. The shaping and
// measuring caches are keyed by text: unbounded, a full build kept every word of every locale (and
// its shaped glyphs) until the end, and memory grew with the number of locales. Each cached value
// is a pure function of its key, so forgetting one costs time, never different bytes.
//
// Two generations rather than a strict LRU order: a hit costs one Map lookup (these caches are hit
// for nearly every word drawn, and re-inserting on every hit showed in profiles); when the current
// generation is full it becomes the old one, and whatever the old one held and nobody asked for
// since is dropped. At most 2 × limit entries are held.
export class LruMap<K, V> {
  private current = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(readonly limit: number) {}

  get size(): number {
    return this.current.size + this.old.size;
  }

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const aging = this.old.get(key);
    if (aging !== undefined) this.set(key, aging);
    return aging;
  }

  has(key: K): boolean {
    return this.current.has(key) || this.old.has(key);
  }

  set(key: K, value: V): this {
    if (this.current.size >= this.limit && !this.current.has(key)) {
      this.old = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
    return this;
  }

  clear(): void {
    this.current.clear();
    this.old.clear();
  }
}
