// Sign-out everywhere: a user's token version, bumped to void every token issued before; and which
// live device belongs to whom (X-Device-Id is checked on every request). Each instance caches both
// and drops an entry when any instance publishes a revocation (sign-out, device removed); the cache
// also expires, so a revocation lost while Redis was away takes effect within a minute.
import { unauthenticated } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { type PubSub, publishDeviceRemoved, publishSignedOut } from "../pubsub.ts";

const TTL_MS = 60_000;
const MAX = 50_000;

export class Revocations {
  readonly #versions = new Map<number, { version: number; at: number }>();
  /** Live devices by id: their owner. */
  readonly #devices = new Map<number, { userId: number; at: number }>();
  readonly #off: () => void;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
  ) {
    this.#off = pubsub.listenAll("revocations", (r) => {
      if (r.kind === "signedOut") this.#versions.delete(r.userId);
      if (r.kind === "deviceRemoved") this.#devices.delete(r.deviceId);
    });
  }

  /** Whether `deviceId` is one of the user's live (not removed) devices. */
  async ownsDevice(userId: number, deviceId: number): Promise<boolean> {
    const now = Date.now();
    const cached = this.#devices.get(deviceId);
    if (cached && now - cached.at <= TTL_MS) return cached.userId === userId;
    const device = await this.prisma.device.findFirst({
      where: { id: deviceId, isDeleted: false },
      select: { userId: true },
    });
    if (!device) return false;
    if (this.#devices.size >= MAX) this.#devices.clear();
    this.#devices.set(deviceId, { userId: device.userId, at: now });
    return device.userId === userId;
  }

  /** After a device's removal: this instance forgets it at once, every instance hears it published. */
  deviceRemoved(userId: number, deviceId: number): void {
    this.#devices.delete(deviceId);
    publishDeviceRemoved(this.pubsub, userId, deviceId);
  }

  /** Throws UNAUTHENTICATED unless the token's version is the user's current one. */
  async check(userId: number, tokenVersion: number): Promise<void> {
    const now = Date.now();
    let entry = this.#versions.get(userId);
    if (!entry || now - entry.at > TTL_MS) {
      const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { tokenVersion: true } });
      if (!user) throw unauthenticated("unknown user");
      if (this.#versions.size >= MAX) this.#versions.clear();
      entry = { version: user.tokenVersion, at: now };
      this.#versions.set(userId, entry);
    }
    if (entry.version !== tokenVersion) throw unauthenticated("token revoked: sign in again");
  }

  /**
   * Voids every token of the user (with a new password, in the same write); returns the new
   * version, for the token issued next.
   */
  async signOutEverywhere(userId: number, passwordHash?: string): Promise<number> {
    const { tokenVersion } = await this.prisma.user.update({
      where: { id: userId },
      data: { tokenVersion: { increment: 1 }, ...(passwordHash ? { passwordHash } : {}) },
      select: { tokenVersion: true },
    });
    this.#versions.delete(userId);
    publishSignedOut(this.pubsub, userId, tokenVersion);
    return tokenVersion;
  }

  close(): void {
    this.#off();
  }
}
