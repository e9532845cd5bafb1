// User presence: a user is online while any instance holds a socket of theirs, or one of their
// devices heartbeated within the TTL. Each is a claim with an expiry; the store re-evaluates a user
// when a claim changes and says when they came online or went offline, once across instances.
// A user's last socket on an instance leaves a claim for DEBOUNCE_MS, so a reconnect does not flap;
// every instance sweeps lapsed claims each second, and the sockets of an instance that stopped
// saying it is alive, so nobody stays online because the instance that saw them died.

export const HELD = 8.64e15; // a socket's claim lasts until it is released
export const DEBOUNCE_MS = 2_000;
const INSTANCE_TTL_MS = 10_000;

export type UserPresenceStore = {
  /**
   * Sets one claim (holder -> expiry in ms) and re-evaluates the user: 1 came online, -1 went
   * offline, 0 unchanged. `held`: add the user to, or remove them from, the instance's socket holds.
   */
  claim(userId: number, holder: string, expiresAt: number, now: number, held?: Held): Promise<number>;
  online(userIds: number[], now: number): Promise<Set<number>>;
  /** Users whose last claim lapsed (dead instances' sockets included); each is returned to one sweeper only. */
  sweep(now: number): Promise<number[]>;
  /** The instance is alive until `until`; true when it had been taken for dead (or is new). */
  alive(instance: string, until: number): Promise<boolean>;
};

export type Held = { instance: string; add: boolean };

export type PresenceChange = (userId: number, online: boolean) => void;

export class UserPresence {
  readonly #sockets = new Map<number, number>();
  readonly #timer: NodeJS.Timeout;
  #known = false;

  constructor(
    private readonly store: UserPresenceStore,
    private readonly instance: string,
    private readonly ttlMs: number,
    private readonly onChange: PresenceChange,
    sweepMs = 1_000,
  ) {
    this.#timer = setInterval(() => void this.#tick(), sweepMs).unref();
    void this.#tick();
  }

  async connected(userId: number): Promise<void> {
    const n = (this.#sockets.get(userId) ?? 0) + 1;
    this.#sockets.set(userId, n);
    if (n === 1) await this.#claim(userId, `s:${this.instance}`, HELD, { instance: this.instance, add: true });
  }

  async disconnected(userId: number): Promise<void> {
    const left = (this.#sockets.get(userId) ?? 1) - 1;
    if (left > 0) return void this.#sockets.set(userId, left);
    this.#sockets.delete(userId);
    await this.#release(userId);
  }

  async heartbeat(userId: number, deviceId: number): Promise<void> {
    await this.#claim(userId, `d:${deviceId}`, Date.now() + this.ttlMs);
  }

  /** A removed device's heartbeat no longer counts. */
  async forget(userId: number, deviceId: number): Promise<void> {
    await this.#claim(userId, `d:${deviceId}`, 0);
  }

  async online(userIds: number[]): Promise<Set<number>> {
    if (!userIds.length) return new Set();
    return this.store.online(userIds, Date.now()).catch(() => new Set<number>());
  }

  /** Releases this instance's sockets (with the debounce: their users may reconnect elsewhere). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    const users = [...this.#sockets.keys()];
    this.#sockets.clear();
    await Promise.allSettled(users.map((u) => this.#release(u)));
  }

  #release(userId: number) {
    return this.#claim(userId, `s:${this.instance}`, Date.now() + DEBOUNCE_MS, {
      instance: this.instance,
      add: false,
    });
  }

  async #claim(userId: number, holder: string, expiresAt: number, held?: Held) {
    const change = await this.store.claim(userId, holder, expiresAt, Date.now(), held).catch(() => 0);
    if (change !== 0) this.onChange(userId, change > 0);
  }

  async #tick() {
    try {
      const now = Date.now();
      const reaped = await this.store.alive(this.instance, now + INSTANCE_TTL_MS);
      // Taken for dead (a long pause): its sockets' claims were dropped; they are made again.
      if (reaped && this.#known)
        for (const userId of this.#sockets.keys())
          await this.#claim(userId, `s:${this.instance}`, HELD, { instance: this.instance, add: true });
      this.#known = true;
      for (const userId of await this.store.sweep(now)) this.onChange(userId, false);
    } catch {
      // Presence is best effort: the next tick tries again.
    }
  }
}
