// Two instances on one PostgreSQL and one Redis: a subscriber on B receives what is sent through A.
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatListUpdatedDocument,
  DevicesDocument,
  JoinRequestUpdatedDocument,
  MeDocument,
  MessageAddedDocument,
  MessagesDocument,
  OpenDirectChatDocument,
  RegisterDeviceDocument,
  RemoveDeviceDocument,
  RequestFriendDocument,
  SendMessageDocument,
  SignInDocument,
  SignOutEverywhereDocument,
  SignUpDocument,
} from "./gql/graphql.ts";
import { startCluster } from "./helpers/app.ts";
import { onServices } from "./helpers/backend.ts";
import { type Http, Recorder, sleep, wsClient } from "./helpers/client.ts";

describe.skipIf(!onServices)("two instances", () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  const sockets: Client[] = [];
  let a: Http;
  let b: Http;

  beforeAll(async () => {
    cluster = await startCluster(2, { RATE_LIMIT_SIGNIN_PER_MINUTE: "4" });
    [a, b] = cluster.apps.map((x) => x.http) as [Http, Http];
  });
  afterAll(async () => {
    await Promise.allSettled(sockets.map((s) => s.dispose()));
    await cluster?.close();
  });

  const user = async (via: Http, name: string) => {
    const { signUp } = await via.run(SignUpDocument, {
      username: `${name}${Date.now()}`,
      password: "correct horse",
      nickname: name,
    });
    return { id: signUp.user.id, token: signUp.token, username: signUp.user.username };
  };
  const socketOn = (i: number, token: string, params: Record<string, unknown> = {}) => {
    const s = wsClient(cluster.apps[i]?.url ?? "", { authorization: `Bearer ${token}`, ...params });
    sockets.push(s);
    return s;
  };

  it("delivers messageAdded, chatListUpdated and joinRequestUpdated across instances", async () => {
    const alice = await user(a, "alice");
    const bob = await user(b, "bob");
    const onB = socketOn(1, bob.token);
    const messages = new Recorder(onB, MessageAddedDocument, {});
    const list = new Recorder(onB, ChatListUpdatedDocument);
    const requests = new Recorder(onB, JoinRequestUpdatedDocument);
    await sleep(400);

    const viaA = a.with(alice.token);
    const { openDirectChat } = await viaA.run(OpenDirectChatDocument, { userId: bob.id });
    await viaA.run(SendMessageDocument, { input: { chatId: openDirectChat.chat.id, type: "TEXT", text: "from A" } });
    await viaA.run(RequestFriendDocument, { userId: bob.id });

    expect((await messages.waitFor(1))[0]?.messageAdded.text).toBe("from A");
    expect((await list.waitFor(1)).some((u) => u.chatListUpdated.lastMessage?.text === "from A")).toBe(true);
    expect((await requests.waitFor(1))[0]?.joinRequestUpdated).toMatchObject({ type: "FRIEND", status: "PENDING" });
  });

  it("signs out everywhere: the other instance refuses the old token at once", async () => {
    const dave = await user(a, "dave");
    await b.with(dave.token).run(MeDocument); // B has the token's version cached
    const { signOutEverywhere } = await a.with(dave.token).run(SignOutEverywhereDocument);
    await sleep(200);
    expect(await b.with(dave.token).code(MeDocument)).toBe("UNAUTHENTICATED");
    expect((await b.with(signOutEverywhere.token).run(MeDocument)).me.id).toBe(dave.id);
  });

  it("counts sign-in attempts on both instances against one limit", async () => {
    const { username } = await user(a, "erin");
    const attempt = (via: Http, password: string) => via.code(SignInDocument, { username, password });
    for (let i = 0; i < 3; i++) expect(await attempt(a, "wrong password")).toBe("UNAUTHENTICATED");
    await sleep(100); // A has added its counts to Redis
    expect(await attempt(b, "wrong password")).toBe("UNAUTHENTICATED");
    expect(await attempt(b, "correct horse")).toBe("RATE_LIMITED");
    expect(await attempt(a, "correct horse")).toBe("RATE_LIMITED");
  });

  it("refuses a removed device on the other instance at once", async () => {
    const frank = await user(a, "frank");
    const { registerDevice } = await a.with(frank.token).run(RegisterDeviceDocument, {
      input: { hostname: "pc", os: "linux", arch: "x64", macs: [{ name: "eth0", address: "02:00:00:00:09:01" }] },
    });
    const onB = b.with(frank.token, { "x-device-id": registerDevice.id });
    expect((await onB.run(MeDocument)).me.id).toBe(frank.id); // B knows the device now
    await a.with(frank.token).run(RemoveDeviceDocument, { deviceId: registerDevice.id });
    await sleep(200);
    expect(await onB.code(MeDocument)).toBe("FORBIDDEN");
  });

  it("stores concurrent bursts from both instances into the same chats with contiguous seqs", async () => {
    const [alice, bob, carol] = await Promise.all([user(a, "al"), user(b, "bo"), user(a, "ca")]);
    const ab = (await a.with(alice.token).run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
    const ac = (await a.with(alice.token).run(OpenDirectChatDocument, { userId: carol.id })).openDirectChat.chat.id;
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++)
      for (const [via, who, chatId] of [
        [a, alice, ab],
        [b, alice, ac],
        [b, bob, ab],
        [a, carol, ac],
      ] as const)
        sends.push(via.with(who.token).run(SendMessageDocument, { input: { chatId, type: "TEXT", text: `m${i}` } }));
    await Promise.all(sends);
    for (const chatId of [ab, ac]) {
      const { messages } = await b.with(alice.token).run(MessagesDocument, { chatId, last: 100 });
      expect(messages.edges.map((e) => e.node.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    }
  });

  it("shows the same presence on both instances", async () => {
    const carol = await user(a, "carol");
    const { registerDevice } = await a.with(carol.token).run(RegisterDeviceDocument, {
      input: {
        hostname: "phone",
        os: "android",
        arch: "arm64",
        macs: [{ name: "h5mac", address: "android:chrome:1" }],
      },
    });
    const held = socketOn(1, carol.token, { deviceId: registerDevice.id });
    const sub = new Recorder(held, MessageAddedDocument, {});
    await sleep(400);
    for (const via of [a, b]) {
      const { devices } = await via.with(carol.token).run(DevicesDocument);
      expect(devices[0]?.online).toBe(true);
    }
    sub.stop();
    await held.dispose();
    await sleep(400);
    for (const via of [a, b]) expect((await via.with(carol.token).run(DevicesDocument)).devices[0]?.online).toBe(false);
  });
});
