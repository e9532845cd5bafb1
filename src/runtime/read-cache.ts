// One read shared by every subscriber of an instance that asks for the same row with the same
// selection within a short window: a message fanned out to 500 members of a group is read once
// per instance, not 500 times. Entries expire quickly. A message that changes (edit, deletion,
// reaction) publishes messageUpdated, whose reads are keyed by the change, never served stale.
export class ReadCache<T> {
  readonly #entries = new Map<string, { at: number; value: Promise<T> }>();
  constructor(
    private readonly ttlMs = 2000,
    private readonly max = 2000,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.#entries.size >= this.max)
      for (const [k, v] of this.#entries)
        if (now - v.at >= this.ttlMs || this.#entries.size >= this.max) this.#entries.delete(k);
    const value = load();
    this.#entries.set(key, { at: now, value });
    value.catch(() => this.#entries.delete(key));
    return value;
  }
}
