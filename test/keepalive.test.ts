// WS_KEEPALIVE: a graphql-ws socket whose client stopped answering (a phone that lost its network
// without closing) is closed by the server's pings within two intervals, and its user goes
// offline for their friends; a client that answers stays connected and online. Both backends.
import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import { loadConfig } from "../src/config.ts";
import { UserOnlineDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { signedInSocket, sleep } from "./helpers/client.ts";
import { befriend } from "./helpers/social.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ WS_KEEPALIVE: "1" });
});
afterAll(async () => t?.close());

/** A signed-in graphql-transport-ws socket; `answers: false` leaves the server's pings unanswered. */
async function socket(user: TestUser, answers: boolean) {
  const { ws, closed, ack } = await signedInSocket(t.url, user.token, { autoPong: answers });
  expect(ack.type).toBe("connection_ack");
  let closedAt: number | null = null;
  let pings = 0;
  void closed.then(() => {
    closedAt = Date.now();
  });
  ws.on("ping", () => pings++);
  return { ws, closedAt: () => closedAt, pings: () => pings };
}

const seen = async (viewer: TestUser, subject: TestUser) =>
  (await viewer.http.run(UserOnlineDocument, { id: subject.id })).user?.online;

it("closes a socket that stops answering pings, and its user goes offline; one that answers stays", async () => {
  const [silent, answering, friend] = [await t.signUp(), await t.signUp(), await t.signUp()];
  await befriend(silent, friend);
  await befriend(answering, friend);
  const opened = Date.now();
  const [gone, alive] = [await socket(silent, false), await socket(answering, true)];
  expect(await seen(friend, silent)).toBe(true);

  // Pinged at 1 s, closed 1 s later when that ping went unanswered: after one ping, not before.
  const deadline = Date.now() + 5000;
  while (gone.closedAt() === null && Date.now() < deadline) await sleep(100);
  const closedAt = gone.closedAt();
  expect(closedAt).not.toBeNull();
  expect((closedAt as number) - opened).toBeGreaterThanOrEqual(1500);
  expect((closedAt as number) - opened).toBeLessThanOrEqual(3500);
  expect(gone.pings()).toBeGreaterThanOrEqual(1);
  expect(gone.pings()).toBeLessThanOrEqual(2);

  // Offline once the reconnect debounce (2 s) has passed without a new socket.
  const offlineBy = Date.now() + 6000;
  while ((await seen(friend, silent)) && Date.now() < offlineBy) await sleep(200);
  expect(await seen(friend, silent)).toBe(false);

  // The answering socket has been pinged every second over the same span, and is still there.
  expect(alive.pings()).toBeGreaterThanOrEqual(3);
  expect(alive.closedAt()).toBeNull();
  expect(alive.ws.readyState).toBe(WebSocket.OPEN);
  expect(await seen(friend, answering)).toBe(true);
  alive.ws.close();
});

it("takes WS_KEEPALIVE as a duration between 1 second and 1 hour", () => {
  expect(loadConfig({}).wsKeepAliveSeconds).toBe(25);
  expect(loadConfig({ WS_KEEPALIVE: "2m" }).wsKeepAliveSeconds).toBe(120);
  for (const bad of ["0", "2h", "soon", "-5"]) expect(() => loadConfig({ WS_KEEPALIVE: bad })).toThrow(/WS_KEEPALIVE/);
});
