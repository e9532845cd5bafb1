// Friends' presence (User.online, presenceChanged) on one instance, both backends: sockets with or
// without a device, heartbeats within PRESENCE_TTL (2 s here), the debounce of a quick reconnect.
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  FriendsOnlineDocument,
  HeartbeatDocument,
  PresenceChangedDocument,
  RegisterDeviceDocument,
  RemoveDeviceDocument,
  UserOnlineDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle, sleep } from "./helpers/client.ts";
import { befriend } from "./helpers/social.ts";

let t: TestApp;
let statements: string[] = [];
beforeAll(async () => {
  t = await startTestApp({ PRESENCE_TTL: "2" }, (sql) => statements.push(sql));
});
afterAll(async () => t?.close());

const connected = (client: Client) => new Promise<void>((resolve) => client.on("connected", () => resolve()));
async function online(user: TestUser, params: Record<string, unknown> = {}): Promise<Client> {
  const client = t.ws(user, params);
  await connected(client);
  return client;
}
const seen = async (viewer: TestUser, subject: TestUser) =>
  (await viewer.http.run(UserOnlineDocument, { id: subject.id })).user?.online;
const changes = (r: Recorder<{ presenceChanged: { id: string; online: boolean } }>) =>
  r.items.map((i) => [i.presenceChanged.id, i.presenceChanged.online]);

/** Polls until `check` holds (presence goes offline after its debounce or TTL). */
async function eventually(check: () => Promise<boolean>, ms = 8000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(200);
  }
}

it("shows the truth to the user and their friends, false to everyone else", async () => {
  const [alice, bob, carol] = [await t.signUp(), await t.signUp(), await t.signUp()];
  await befriend(alice, bob);
  expect(await seen(bob, alice)).toBe(false);
  const socket = await online(alice); // no device id: a socket is enough
  expect(await seen(bob, alice)).toBe(true);
  expect(await seen(alice, alice)).toBe(true);
  expect(await seen(carol, alice)).toBe(false);
  expect((await bob.http.run(FriendsOnlineDocument)).friends.map((f) => f.user)).toEqual([
    { id: alice.id, online: true },
  ]);
  await socket.dispose();
  await eventually(async () => (await seen(bob, alice)) === false);
});

it("reads the online state of a list of users in a constant number of statements", async () => {
  const count = async (friends: number) => {
    const me = await t.signUp();
    for (let i = 0; i < friends; i++) {
      const friend = await t.signUp();
      await befriend(me, friend);
      if (i % 2 === 0) await online(friend);
    }
    // Presence changes are announced in the background (friends coming online, earlier tests'
    // users going offline), with statements of their own: the fewest of three reads is the read's.
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      statements = [];
      const list = (await me.http.run(FriendsOnlineDocument)).friends;
      expect(list.filter((f) => f.user.online)).toHaveLength(Math.ceil(friends / 2));
      counts.push(statements.length);
    }
    return Math.min(...counts);
  };
  expect(await count(6)).toBe(await count(2));
});

it("pushes a friend coming online and going offline, without flapping on a quick reconnect", async () => {
  const [alice, bob, carol] = [await t.signUp(), await t.signUp(), await t.signUp()];
  await befriend(alice, bob);
  const toBob = new Recorder(t.ws(bob), PresenceChangedDocument);
  const toCarol = new Recorder(t.ws(carol), PresenceChangedDocument);
  await settle();

  const first = await online(alice, {});
  await toBob.waitFor(1);
  expect(changes(toBob)).toEqual([[alice.id, true]]);
  await first.dispose();
  const second = await online(alice);
  await sleep(3500); // past the debounce: the reconnect was no offline
  expect(changes(toBob)).toEqual([[alice.id, true]]);
  await second.dispose();
  await toBob.waitFor(2, 8000);
  expect(changes(toBob)).toEqual([
    [alice.id, true],
    [alice.id, false],
  ]);
  expect(toCarol.items).toEqual([]);
});

it("keeps a device that only heartbeats online for PRESENCE_TTL, and a removed device not at all", async () => {
  const [alice, bob] = [await t.signUp(), await t.signUp()];
  await befriend(alice, bob);
  const toBob = new Recorder(t.ws(bob), PresenceChangedDocument);
  await settle();
  const { registerDevice } = await alice.http.run(RegisterDeviceDocument, {
    input: { hostname: "pc", os: "linux", arch: "x64", macs: [{ name: "eth0", address: "02:00:00:00:14:01" }] },
  });
  await alice.http.run(HeartbeatDocument, { deviceId: registerDevice.id });
  await toBob.waitFor(1);
  expect(await seen(bob, alice)).toBe(true);
  await toBob.waitFor(2, 8000); // the TTL (2 s) lapsed, and the sweep (each second) saw it
  expect(changes(toBob)).toEqual([
    [alice.id, true],
    [alice.id, false],
  ]);
  expect(await seen(bob, alice)).toBe(false);

  await alice.http.run(HeartbeatDocument, { deviceId: registerDevice.id });
  await toBob.waitFor(3);
  await alice.http.run(RemoveDeviceDocument, { deviceId: registerDevice.id });
  await toBob.waitFor(4);
  expect(changes(toBob).slice(2)).toEqual([
    [alice.id, true],
    [alice.id, false],
  ]);
});
