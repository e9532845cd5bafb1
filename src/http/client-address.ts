// The address a request comes from: the socket's peer, or behind `hops` trusted proxies the entry
// of X-Forwarded-For that the outermost of them appended. Each proxy appends the address it saw to
// what it received, so the entries left of that one are whatever the client chose to send.
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

type RequestLike = Pick<IncomingMessage, "headers" | "socket">;

export function clientAddress(req: RequestLike | undefined, hops: number): string | null {
  const peer = req?.socket?.remoteAddress ? normalise(req.socket.remoteAddress) : null;
  if (!req || hops === 0) return peer;
  const header = req.headers["x-forwarded-for"];
  const list = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",");
  const entries = list.map((s) => s.trim()).filter((s) => s !== "");
  // Each trusted proxy appended one entry: the outermost one's (the client's address) is `hops` from the end.
  const forwarded = entries[Math.max(0, entries.length - hops)];
  return forwarded && isIP(forwarded) ? normalise(forwarded) : peer;
}

const normalise = (address: string) => {
  const bare = address.replace(/%.*$/, "").toLowerCase();
  return bare.startsWith("::ffff:") && isIP(bare.slice(7)) === 4 ? bare.slice(7) : bare;
};

/**
 * What a per-address limit counts: an IPv4 address, or an IPv6 address's /64 (one subscriber
 * commonly holds a whole /64, and could otherwise take a fresh address for every attempt).
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail] = address.split("::");
  const groups = (s: string) => (s === "" ? [] : s.split(":").flatMap((g) => (g.includes(".") ? ["0", "0"] : [g])));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const full = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${full
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
