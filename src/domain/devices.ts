// Devices: found by any of their MAC addresses (a browser sends one `h5mac` entry), heartbeat,
// soft removal. A user's live devices are the members of their device chat.
import type { Services } from "../context.ts";
import { badInput, notFound } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { text } from "./validate.ts";

export const H5MAC = "h5mac";
const MAX_MACS = 16;

export type RegisterInput = { hostname: string; os: string; arch: string; macs: { name: string; address: string }[] };

/** Lower case, ':' separators; `aa-bb-…`, `aabb.ccdd.eeff` and bare hex are accepted. h5mac is kept as sent, lower-cased. */
export function normaliseMac(name: string, address: string, field: string): string {
  const a = address.trim().toLowerCase();
  if (name === H5MAC) {
    if (!/^[\x21-\x7e]{1,128}$/.test(a)) throw badInput(field, "an h5mac is 1 to 128 printable characters");
    return a;
  }
  const hex = a.replace(/[:.-]/g, "");
  const shaped =
    /^([0-9a-f]{2}([:-])){5}[0-9a-f]{2}$/.test(a) ||
    /^[0-9a-f]{4}(\.[0-9a-f]{4}){2}$/.test(a) ||
    /^[0-9a-f]{12}$/.test(a);
  if (!shaped || /^[:-]/.test(a)) throw badInput(field, "not a MAC address (aa:bb:cc:dd:ee:ff)");
  if (a.includes(":") && a.includes("-")) throw badInput(field, "not a MAC address (aa:bb:cc:dd:ee:ff)");
  return hex.match(/../g)?.join(":") ?? hex;
}

function validate(input: RegisterInput) {
  if (input.macs.length === 0) throw badInput("macs", "at least one MAC address");
  if (input.macs.length > MAX_MACS) throw badInput("macs", `at most ${MAX_MACS} MAC addresses`);
  const macs = new Map<string, string>();
  input.macs.forEach((m, i) => {
    const name = text(m.name, `macs.${i}.name`, { max: 32 });
    macs.set(normaliseMac(name, m.address, `macs.${i}.address`), name);
  });
  return {
    hostname: text(input.hostname, "hostname", { max: 255 }),
    os: text(input.os, "os", { max: 64 }),
    arch: text(input.arch, "arch", { max: 32 }),
    macs,
  };
}

/**
 * Finds the caller's device by any of its MAC addresses (the one matching most of them), updates it
 * and adds the new addresses; otherwise creates it. A removed device that comes back is restored.
 */
export async function registerDevice({ prisma }: Pick<Services, "prisma">, userId: number, input: RegisterInput) {
  const { macs, ...fields } = validate(input);
  const addresses = [...macs.keys()];
  return prisma.$transaction(async (tx) => {
    const known = await tx.deviceMac.findMany({ where: { userId, address: { in: addresses } } });
    const votes = new Map<number, number>();
    for (const k of known) votes.set(k.deviceId, (votes.get(k.deviceId) ?? 0) + 1);
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
    const taken = new Set(known.map((k) => k.address));
    const fresh = addresses
      .filter((a) => !taken.has(a))
      .map((address) => ({ userId, address, name: macs.get(address) ?? "" }));
    if (best === undefined) {
      return tx.device.create({ data: { ...fields, userId, lastSeenAt: new Date(), macs: { create: fresh } } });
    }
    return tx.device.update({
      where: { id: best },
      data: { ...fields, isDeleted: false, lastSeenAt: new Date(), macs: { create: fresh } },
    });
  });
}

export async function requireDevice(prisma: PrismaClient, userId: number, deviceId: number) {
  const device = await prisma.device.findFirst({ where: { id: deviceId, userId, isDeleted: false } });
  if (!device) throw notFound("device");
  return device;
}

export async function touchDevice(prisma: PrismaClient, deviceId: number) {
  await prisma.device.update({ where: { id: deviceId }, data: { lastSeenAt: new Date() } });
}

/** A socket of the device closed: one connection fewer in presence, and lastSeenAt now. Never throws. */
export async function deviceDisconnected(svc: Services, deviceId: number): Promise<void> {
  await svc.presence.disconnected(deviceId).catch(() => {});
  await touchDevice(svc.prisma, deviceId).catch(() => {});
}

/**
 * lastSeenAt as activity moves it: at most one write per device per `everyMs` from an instance, so
 * a device sending many messages costs one UPDATE a minute, not one per message.
 */
export class LastSeen {
  readonly #written = new Map<number, number>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly everyMs = 60_000,
  ) {}

  seen(deviceId: number): void {
    const now = Date.now();
    if (now - (this.#written.get(deviceId) ?? 0) < this.everyMs) return;
    if (this.#written.size >= 100_000) this.#written.clear();
    this.#written.set(deviceId, now);
    void touchDevice(this.prisma, deviceId).catch(() => this.#written.delete(deviceId));
  }
}

/** Soft removal: the device goes offline, and its sockets and streams end on every instance. */
export async function removeDevice(svc: Services, userId: number, deviceId: number) {
  await requireDevice(svc.prisma, userId, deviceId);
  await svc.prisma.device.update({ where: { id: deviceId }, data: { isDeleted: true } });
  await svc.presence.forget(deviceId);
  await svc.userPresence.forget(userId, deviceId);
  svc.revocations.deviceRemoved(userId, deviceId);
}

/** The device is alive: online for PRESENCE_TTL, and seen now. */
export async function heartbeat(svc: Services, userId: number, deviceId: number): Promise<void> {
  const device = await requireDevice(svc.prisma, userId, deviceId);
  await svc.presence.heartbeat(device.id);
  await svc.userPresence.heartbeat(userId, device.id);
  await touchDevice(svc.prisma, device.id);
}
