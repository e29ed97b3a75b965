/**
 * A bounded cache that keeps what was used recently: two generations of at most `capacity`
 * entries each. New entries go to the young generation; when it is full it becomes the old one
 * and the previous old one is dropped; an entry found in the old generation moves back to the
 * young one. So it never holds more than 2 × capacity entries, and an overflow only costs the
 * time to compute a dropped entry again.
 *
 * Callers keep the values they are working with: a value handed out by `get` or `remember`
 * stays valid (it is the caller's) even if the cache drops it a moment later.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private limit: number) {}

  get capacity(): number {
    return this.limit;
  }

  /** Entries held now (at most 2 × capacity). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.set(key, aged);
    }
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** The cached value, or `make(key)` remembered and returned. */
  remember(key: K, make: (key: K) => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = make(key);
      this.set(key, value);
    }
    return value;
  }

  /** Forgets everything and, when given, takes a new capacity. */
  clear(capacity = this.limit): void {
    this.limit = Math.max(1, capacity);
    this.young = new Map();
    this.old = new Map();
  }
}
