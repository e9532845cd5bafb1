// Receipts, typing and presence across two instances on one PostgreSQL and one Redis.
import { randomBytes } from "node:crypto";
import type { Client } from "graphql-ws";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HELD } from "../src/runtime/user-presence.ts";
import { redisUserPresenceStore } from "../src/runtime/user-presence-stores.ts";
import {
  CreateGroupDocument,
  HeartbeatDocument,
  MarkReadUpToSeqDocument,
  OpenDirectChatDocument,
  PresenceChangedDocument,
  ReadReceiptDocument,
  RegisterDeviceDocument,
  RequestFriendDocument,
  ReviewJoinRequestDocument,
  SendMessageDocument,
  SetTypingDocument,
  SignUpDocument,
  TypingDocument,
  UserOnlineDocument,
} from "./gql/graphql.ts";
import { startCluster } from "./helpers/app.ts";
import { onServices, REDIS_URL } from "./helpers/backend.ts";
import { type Http, Recorder, settle, wsClient } from "./helpers/client.ts";

type User = { id: string; token: string };

describe.skipIf(!onServices)("two instances", () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  const sockets: Client[] = [];
  let a: Http;
  let b: Http;

  beforeAll(async () => {
    cluster = await startCluster(2, { PRESENCE_TTL: "2", READ_RECEIPT_MAX_GROUP_SIZE: "2" });
    [a, b] = cluster.apps.map((x) => x.http) as [Http, Http];
  });
  afterAll(async () => {
    await Promise.allSettled(sockets.map((s) => s.dispose()));
    await cluster?.close();
  });

  const user = async (name: string): Promise<User> => {
    const username = `${name}${randomBytes(4).toString("hex")}`;
    const { signUp } = await a.run(SignUpDocument, { username, password: "correct horse", nickname: name });
    return { id: signUp.user.id, token: signUp.token };
  };
  const on = (via: Http, u: User) => via.with(u.token);
  const socketOn = (i: number, u: User) => {
    const s = wsClient(cluster.apps[i]?.url ?? "", { authorization: `Bearer ${u.token}` });
    sockets.push(s);
    return s;
  };
  const befriend = async (x: User, y: User) => {
    const { requestFriend } = await on(a, x).run(RequestFriendDocument, { userId: y.id });
    await on(b, y).run(ReviewJoinRequestDocument, { id: requestFriend.id, decision: "APPROVE" });
  };

  it("delivers a read receipt made on A to a subscriber on B", async () => {
    const [alice, bob] = [await user("alice"), await user("bob")];
    const { openDirectChat } = await on(a, alice).run(OpenDirectChatDocument, { userId: bob.id });
    const chatId = openDirectChat.chat.id;
    const toBob = new Recorder(socketOn(1, bob), ReadReceiptDocument, {});
    await settle();
    await on(b, bob).run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "hi" } });
    await on(a, alice).run(MarkReadUpToSeqDocument, { chatId });
    const [got] = await toBob.waitFor(1);
    expect(got?.readReceipt).toEqual({ chatId, readSeq: 1, user: { id: alice.id } });
    await settle();
    expect(toBob.items).toHaveLength(1); // not his own send
  });

  it("delivers typing from A to a member on B, never to the typer's own socket on B", async () => {
    const [owner, member] = [await user("owner"), await user("member")];
    await befriend(owner, member);
    const { createGroup } = await on(a, owner).run(CreateGroupDocument, {
      input: { name: "g", memberIds: [member.id] },
    });
    const chatId = createGroup.chat.id;
    const toMember = new Recorder(socketOn(1, member), TypingDocument, { chatId });
    const toOwnSocket = new Recorder(socketOn(1, owner), TypingDocument, {});
    await settle();
    await on(a, owner).run(SetTypingDocument, { chatId, typing: true });
    await on(a, owner).run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "sent" } });
    const got = await toMember.waitFor(2);
    expect(got.map((e) => [e.typing.user.id, e.typing.typing])).toEqual([
      [owner.id, true],
      [owner.id, false],
    ]);
    await settle();
    expect(toOwnSocket.items).toEqual([]);
  });

  it("pushes a friend's presence across instances, and sees it from either", async () => {
    const [alice, bob] = [await user("alice"), await user("bob")];
    await befriend(alice, bob);
    const toBob = new Recorder(socketOn(1, bob), PresenceChangedDocument);
    await settle();
    const socket = socketOn(0, alice);
    const [first] = await toBob.waitFor(1);
    expect(first?.presenceChanged).toEqual({ id: alice.id, online: true });
    expect((await on(b, bob).run(UserOnlineDocument, { id: alice.id })).user?.online).toBe(true);
    await socket.dispose();
    const [, second] = await toBob.waitFor(2, 8000);
    expect(second?.presenceChanged).toEqual({ id: alice.id, online: false });
  });

  it("takes a heartbeat-only device offline after its TTL though the instance that saw it is gone", async () => {
    const [alice, bob] = [await user("alice"), await user("bob")];
    await befriend(alice, bob);
    const toBob = new Recorder(socketOn(1, bob), PresenceChangedDocument);
    await settle();
    const third = await cluster.startOne();
    const viaThird = third.http.with(alice.token);
    const { registerDevice } = await viaThird.run(RegisterDeviceDocument, {
      input: { hostname: "pc", os: "linux", arch: "x64", macs: [{ name: "eth0", address: "02:00:00:00:14:02" }] },
    });
    await viaThird.run(HeartbeatDocument, { deviceId: registerDevice.id });
    await third.app.stop();
    await toBob.waitFor(2, 8000); // TTL 2 s, then a surviving instance's sweep
    expect(toBob.items.map((i) => i.presenceChanged)).toEqual([
      { id: alice.id, online: true },
      { id: alice.id, online: false },
    ]);
  });
});

describe.skipIf(!onServices)("socket presence of an instance that died", () => {
  const redis = onServices ? new Redis(REDIS_URL) : null;
  afterAll(() => redis?.disconnect());

  it("is dropped by a surviving instance's sweep, announced once", async () => {
    if (!redis) return;
    const prefix = `xim_test_${randomBytes(4).toString("hex")}:`;
    const dying = redisUserPresenceStore(redis, prefix);
    const [survivor1, survivor2] = [redisUserPresenceStore(redis, prefix), redisUserPresenceStore(redis, prefix)];
    const now = Date.now();
    await dying.alive("dead", now + 1_000);
    expect(await dying.claim(7, "s:dead", HELD, now, { instance: "dead", add: true })).toBe(1);
    expect([...(await survivor1.online([7], now + 5_000))]).toEqual([7]); // a socket claim does not lapse
    expect(await survivor1.sweep(now + 500)).toEqual([]); // the instance is still alive
    const [first, second] = await Promise.all([survivor1.sweep(now + 2_000), survivor2.sweep(now + 2_000)]);
    expect([...first, ...second]).toEqual([7]);
    expect([...(await survivor1.online([7], now + 2_000))]).toEqual([]);
    await redis.del(`${prefix}up:instances`);
  });
});
