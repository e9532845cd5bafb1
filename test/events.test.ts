// Events that leave xim: each change records its event in its own transaction (the outbox) and a
// relay delivers it to a webhook (Standard Webhooks signatures, retries under the same id, in
// order per chat, dead letters) and, with Redis, to a stream. Both backends.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { consume, type XimEvent } from "../docs/events/consumer.ts";
import { loadConfig } from "../src/config.ts";
import { eventJsonSchemas } from "../src/domain/event-schemas.ts";
import { type EventType, eventBody } from "../src/domain/events.ts";
import { listDeadLetters, replayDeadLetters } from "../src/runtime/dead-letters.ts";
import {
  AddReactionDocument,
  BlockUserDocument,
  CreateGroupDocument,
  DeleteMessageDocument,
  EditMessageDocument,
  HeartbeatDocument,
  LeaveGroupDocument,
  MarkChatReadDocument,
  OpenDirectChatDocument,
  RegisterDeviceDocument,
  RemoveFriendDocument,
  SendMessageDocument,
  SendRichDocument,
  UpdateChatSettingsDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { onServices, REDIS_URL } from "./helpers/backend.ts";
import { sleep } from "./helpers/client.ts";
import { befriend } from "./helpers/social.ts";
import { type Delivery, type Receiver, startReceiver, WEBHOOK_SECRET } from "./helpers/webhook-receiver.ts";

let receiver: Receiver;
let t: TestApp;
let ada: TestUser;
let bob: TestUser;
const stream = `xim-test-events-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  receiver = await startReceiver();
  t = await startTestApp({
    WEBHOOK_URL: receiver.url,
    WEBHOOK_SECRET: receiver.secret,
    WEBHOOK_MAX_AGE: "3s",
    WEBHOOK_TIMEOUT: "1s",
    WEBHOOK_CONCURRENCY: "3",
    OUTBOX_LEASE: "2s",
    ...(onServices ? { EVENTS_STREAM: stream } : {}),
  });
  ada = await t.signUp("Ada");
  bob = await t.signUp("Bob");
});

afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

const of = (type: EventType, pred: (d: Delivery) => boolean = () => true, ms?: number) =>
  receiver.waitFor((d) => d.type === type && pred(d), ms);

/** The next delivery of `type` that matches, parsed by the schema of its type (the committed JSON Schema's source). */
async function event<T extends EventType>(type: T, pred?: (d: Delivery) => boolean, ms?: number) {
  const { id: _id, at: _at, ...body } = await receiver.waitFor((d) => d.type === type && (pred?.(d) ?? true), ms);
  return eventBody(type).parse(body) as z.infer<ReturnType<typeof eventBody<T>>>;
}

/** A delivery about the chat: its message, its creation. */
const aboutChat = (d: Delivery, chatId: string) =>
  (d.data.message as { chatId?: string } | undefined)?.chatId === chatId ||
  (d.data.chat as { id?: string } | undefined)?.id === chatId;

async function directChat(a: TestUser, b: TestUser) {
  const { openDirectChat } = await a.http.run(OpenDirectChatDocument, { userId: b.id });
  return openDirectChat.chat.id;
}

describe("events through the outbox", () => {
  it("user.created, join_request.*, friendship.created, chat.created, message.created with pushTo", async () => {
    await event("user.created", (d) => (d.data.user as { id: string }).id === ada.id);
    await befriend(ada, bob);
    await event("join_request.created", (d) => (d.data.request as { requesterId: string }).requesterId === ada.id);
    const reviewed = await event("join_request.reviewed");
    expect(reviewed.data.request).toMatchObject({ status: "APPROVED", reviewerId: bob.id });
    await event("friendship.created", (d) => d.data.friendId === bob.id);

    const chatId = await directChat(ada, bob);
    const { sendMessage } = await ada.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "hi" } });
    const created = await event("chat.created", (d) => (d.data.chat as { id: string }).id === chatId);
    expect(created.data).toMatchObject({ chat: { type: "DIRECT" }, messageId: sendMessage.id });
    expect(created.data.memberIds.sort()).toEqual([ada.id, bob.id].sort());
    const m = await event("message.created", (d) => (d.data.message as { id: string }).id === sendMessage.id);
    expect(m.data.message).toMatchObject({ chatId, seq: 1, senderId: ada.id, type: "TEXT", text: "hi" });
    expect(m.data.chat).toMatchObject({ id: chatId, type: "DIRECT" });
    // Bob holds no socket and no device: a push goes to him, never to the sender.
    expect(m.data.pushTo).toEqual([{ id: bob.id, externalId: null }]);
    // The webhook-id is stable per event; the chat's events came in order.
    const chatEvents = receiver.deliveries.filter((d) => aboutChat(d, chatId));
    expect(chatEvents.map((d) => d.type).slice(0, 2)).toEqual(["chat.created", "message.created"]);
  });

  it("leaves an online member out of pushTo", async () => {
    const chatId = await directChat(ada, bob);
    const { registerDevice } = await bob.http.run(RegisterDeviceDocument, {
      input: { hostname: "pc", os: "linux", arch: "x64", macs: [{ name: "eth0", address: "02:00:00:00:0e:01" }] },
    });
    await bob.http.run(HeartbeatDocument, { deviceId: registerDevice.id });
    const { sendMessage } = await ada.http.run(SendMessageDocument, {
      input: { chatId, type: "TEXT", text: "there?" },
    });
    const m = await event("message.created", (d) => (d.data.message as { id: string }).id === sendMessage.id);
    expect(m.data.pushTo).toEqual([]);
  });

  it("chat.read, message.deleted, member.joined, member.left, friendship.removed", async () => {
    const chatId = await directChat(bob, ada);
    const { sendMessage } = await ada.http.run(SendMessageDocument, {
      input: { chatId, type: "TEXT", text: "read me" },
    });
    await bob.http.run(MarkChatReadDocument, { chatId });
    const read = await event("chat.read", (d) => d.data.userId === bob.id && d.data.chatId === chatId);
    expect(read.data.readSeq).toBeGreaterThan(0);
    await ada.http.run(DeleteMessageDocument, { id: sendMessage.id });
    await event("message.deleted", (d) => (d.data.message as { id: string }).id === sendMessage.id);

    const { createGroup } = await ada.http.run(CreateGroupDocument, { input: { name: "G", memberIds: [bob.id] } });
    const groupId = createGroup.chat.id;
    await event("member.joined", (d) => d.data.chatId === groupId && d.data.userId === bob.id);
    await bob.http.run(LeaveGroupDocument, { chatId: groupId });
    const left = await event("member.left", (d) => d.data.chatId === groupId);
    expect(left.data).toMatchObject({ userId: bob.id, reason: "left" });
    await ada.http.run(RemoveFriendDocument, { userId: bob.id });
    await event("friendship.removed", (d) => d.data.userId === ada.id);
  });

  it("message.updated for edits and reactions; friendship.removed when a block ends a friendship", async () => {
    const erin = await t.signUp("Erin");
    await befriend(ada, erin);
    const chatId = await directChat(ada, erin);
    const { sendMessage } = await ada.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "typo" } });
    await ada.http.run(EditMessageDocument, { id: sendMessage.id, text: "fixed" });
    await erin.http.run(AddReactionDocument, { messageId: sendMessage.id, emoji: "👍" });
    const isIt = (d: Delivery) => (d.data.message as { id: string }).id === sendMessage.id;
    expect((await event("message.updated", (d) => isIt(d) && d.data.change === "edited")).data.message.seq).toBe(1);
    await event("message.updated", (d) => isIt(d) && d.data.change === "reactions");
    await erin.http.run(BlockUserDocument, { userId: ada.id });
    const removed = await event("friendship.removed", (d) => d.data.userId === erin.id);
    expect(removed.data.friendId).toBe(ada.id);
  });

  it("pushes to a member on do-not-disturb only when the message mentions them", async () => {
    const [fay, gus] = [await t.signUp("Fay"), await t.signUp("Gus")];
    await befriend(ada, fay);
    await befriend(ada, gus);
    const { createGroup } = await ada.http.run(CreateGroupDocument, {
      input: { name: "DND", memberIds: [fay.id, gus.id] },
    });
    const groupId = createGroup.chat.id;
    for (const u of [fay, gus])
      await u.http.run(UpdateChatSettingsDocument, { chatId: groupId, input: { doNotDisturb: true } });
    const plain = await ada.http.run(SendMessageDocument, {
      input: { chatId: groupId, type: "TEXT", text: "all quiet" },
    });
    const named = await ada.http.run(SendRichDocument, {
      input: { chatId: groupId, type: "TEXT", text: "@fay", mentionIds: [fay.id] },
    });
    const pushTo = async (id: string) =>
      (await event("message.created", (d) => (d.data.message as { id: string }).id === id)).data.pushTo.map(
        (u) => u.id,
      );
    expect(await pushTo(plain.sendMessage.id)).toEqual([]);
    expect(await pushTo(named.sendMessage.id)).toEqual([fay.id]);
  });

  it("retries a failed delivery under the same webhook-id, holding the chat's later events", async () => {
    const carol = await t.signUp("Carol");
    const chatId = await directChat(ada, carol);
    let failures = 0;
    receiver.answer = (d) => {
      const first = d.type === "chat.created" && (d.data.chat as { id: string }).id === chatId;
      return first && failures++ < 2 ? 503 : 200;
    };
    await ada.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "one" } });
    await ada.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "two" } });
    const two = await of("message.created", (d) => (d.data.message as { text: string }).text === "two");
    const tries = receiver.deliveries.filter(
      (d) => d.type === "chat.created" && (d.data.chat as { id: string }).id === chatId,
    );
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((d) => d.id)).size).toBe(1);
    // First retry within 5 s of the first attempt.
    expect((tries[1] as Delivery).at - (tries[0] as Delivery).at).toBeLessThan(5_000);
    const order = receiver.deliveries
      .filter((d) => aboutChat(d, chatId))
      .map((d) => `${d.type}:${(d.data.message as { text?: string } | undefined)?.text ?? ""}`);
    expect(order.slice(-3)).toEqual(["chat.created:", "message.created:one", "message.created:two"]);
    expect(two.at).toBeGreaterThanOrEqual((tries[2] as Delivery).at);
    receiver.answer = () => 200;
  });

  it("delivers a busy chat's backlog in order, a failure in the middle holding what follows it", async () => {
    const dan = await t.signUp("Dan");
    const chatId = await directChat(ada, dan);
    const texts = ["m1", "m2", "m3", "m4", "m5", "m6"];
    const failed = new Set<string>();
    // The chat's first event fails once, so its messages pile up behind it and go out in one
    // pass; m3 fails once too, in the middle of that pass.
    receiver.answer = (d) => {
      const text = (d.data.message as { text?: string } | undefined)?.text;
      const key = d.type === "chat.created" && (d.data.chat as { id: string }).id === chatId ? "created" : text;
      if ((key === "created" || key === "m3") && !failed.has(key)) return (failed.add(key), 503);
      return 200;
    };
    for (const text of texts) await ada.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });
    await of("message.created", (d) => (d.data.message as { text: string }).text === "m6", 30_000);
    const order = receiver.deliveries
      .filter((d) => aboutChat(d, chatId))
      .map((d) => `${d.type === "chat.created" ? "created" : (d.data.message as { text: string }).text}`);
    // Each failure is retried before anything after it; nothing after a failure goes out before the retry.
    expect(order).toEqual(["created", "created", "m1", "m2", "m3", "m3", "m4", "m5", "m6"]);
    receiver.answer = () => 200;
  });

  it("delivers the backlogs of more chats than one pass takes, every chat in order", async () => {
    // 60 groups (a pass takes 48 chats: 16 per WEBHOOK_CONCURRENCY) with three messages each, sent while the receiver is down.
    receiver.answer = () => 503;
    const groups: string[] = [];
    for (let i = 0; i < 60; i++) {
      const { createGroup } = await ada.http.run(CreateGroupDocument, { input: { name: `B${i}`, memberIds: [] } });
      groups.push(createGroup.chat.id);
      for (const text of ["b1", "b2", "b3"])
        await ada.http.run(SendMessageDocument, { input: { chatId: createGroup.chat.id, type: "TEXT", text } });
    }
    receiver.answer = () => 200;
    const delivered = (chatId: string) =>
      receiver.deliveries
        .filter((d) => d.type === "message.created" && aboutChat(d, chatId))
        .map((d) => (d.data.message as { text: string }).text);
    const deadline = Date.now() + 30_000;
    while (groups.some((g) => !delivered(g).includes("b3")) && Date.now() < deadline) await sleep(100);
    for (const g of groups) expect([...new Set(delivered(g))]).toEqual(["b1", "b2", "b3"]);
  });

  it("lets a chat go at once when its delivery could not start within the lease, not when the lease lapses", async () => {
    // One pass takes the heads of four chats; three deliveries go at a time (WEBHOOK_CONCURRENCY),
    // each answered after 850 ms: by then the fourth may no longer start (it would end past the
    // lease: OUTBOX_LEASE 2 s, less WEBHOOK_TIMEOUT 1 s and a tenth). Its lease is let go, and the
    // next pass delivers it; held, it would wait for the lease to lapse, 2 s after it was taken.
    const groups: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { createGroup } = await ada.http.run(CreateGroupDocument, { input: { name: `L${i}`, memberIds: [] } });
      groups.push(createGroup.chat.id);
      // Each chat's earlier event delivered: the messages below are the heads.
      await of("member.joined", (d) => d.data.chatId === createGroup.chat.id);
    }
    const [first, ...four] = groups as [string, ...string[]];
    const text = (d: Delivery) => (d.data.message as { text?: string } | undefined)?.text;
    receiver.answer = (d) => {
      const ms = text(d) === "holds the relay" ? 400 : text(d) === "leased" ? 850 : 0;
      return new Promise((r) => setTimeout(() => r(200), ms));
    };
    // The relay busy with the first chat's delivery while the four are sent: its next pass takes them together.
    await ada.http.run(SendMessageDocument, { input: { chatId: first, type: "TEXT", text: "holds the relay" } });
    await of("message.created", (d) => text(d) === "holds the relay");
    for (const chatId of four)
      await ada.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "leased" } });
    for (const chatId of four) await of("message.created", (d) => aboutChat(d, chatId), 10_000);
    receiver.answer = () => 200;
    const starts = four
      .map((chatId) => receiver.deliveries.find((d) => text(d) === "leased" && aboutChat(d, chatId))?.at as number)
      .sort((a, b) => a - b);
    expect((starts[3] as number) - (starts[0] as number)).toBeLessThan(1_600);
  });

  it("moves an event failing past WEBHOOK_MAX_AGE to the dead letters; the chat goes on; replay delivers it", async () => {
    const dave = await t.signUp("Dave");
    const chatId = await directChat(ada, dave);
    receiver.answer = (d) => (d.type === "chat.created" && (d.data.chat as { id: string }).id === chatId ? 500 : 200);
    await ada.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "doomed head" } });
    // The chat's next event goes on once its head is dead (WEBHOOK_MAX_AGE 3 s here).
    await of("message.created", (d) => (d.data.message as { text: string }).text === "doomed head", 20_000);
    const dead = await listDeadLetters(t.app.services.prisma);
    const letter = dead.find((l) => l.type === "chat.created");
    expect(letter).toMatchObject({ type: "chat.created", orderKey: `chat:${chatId}` });
    expect(letter?.lastError).toBe("HTTP 500");

    receiver.answer = () => 200;
    const before = receiver.deliveries.length;
    expect(await replayDeadLetters(t.app.services.prisma, [String(letter?.id)])).toBe(1);
    const again = await receiver.waitFor(
      (d, i = receiver.deliveries.indexOf(d)) => i >= before && d.id === `evt_${letter?.id}`,
    );
    expect(again.type).toBe("chat.created");
    expect(await listDeadLetters(t.app.services.prisma)).toHaveLength(dead.length - 1);
  }, 40_000);

  it("counts a receiver that does not answer within WEBHOOK_TIMEOUT as a failure: retried, then a dead letter", async () => {
    const erin = await t.signUp("Erin");
    const chatId = await directChat(ada, erin);
    const head = (d: Delivery) => d.type === "chat.created" && (d.data.chat as { id: string }).id === chatId;
    receiver.answer = (d) => (head(d) ? "hang" : 200);
    await ada.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "after a silent head" } });
    await of("message.created", (d) => (d.data.message as { text: string }).text === "after a silent head", 20_000);
    const tries = receiver.deliveries.filter(head);
    expect(tries.length).toBeGreaterThanOrEqual(2);
    expect(new Set(tries.map((d) => d.id)).size).toBe(1);
    const letter = (await listDeadLetters(t.app.services.prisma)).find(
      (l) => `evt_${l.id}` === (tries[0] as Delivery).id,
    );
    expect(letter).toMatchObject({ type: "chat.created", lastError: "timed out" });
    receiver.answer = () => 200;
  }, 30_000);

  it.runIf(onServices)("feeds the Redis stream in outbox order; the example consumer reads it", async () => {
    const redis = new Redis(REDIS_URL);
    try {
      await sleep(1_000);
      const entries = await redis.xrange(stream, "-", "+");
      expect(entries.length).toBeGreaterThan(5);
      expect(entries.every(([, f]) => f[0] === "id" && f[2] === "event")).toBe(true);
      const ids = entries.map(([, f]) => Number((f[1] as string).slice(4)));
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      // The example consumer (docs/events/consumer.ts) gets every event, once, each valid.
      const got: XimEvent[] = [];
      const stop = new AbortController();
      const done = consume(
        redis.duplicate(),
        { stream, group: "test", consumer: "c1", signal: stop.signal, blockMs: 200 },
        async (e) => {
          got.push(e);
          if (got.length === entries.length) stop.abort();
        },
      );
      await done;
      expect(got.map((e) => e.id)).toEqual(ids.map((id) => `evt_${id}`));
      for (const { id: _id, ...body } of got) eventBody(body.type as EventType).parse(body);
    } finally {
      await redis.del(stream);
      redis.disconnect();
    }
  });
});

it("refuses an OUTBOX_LEASE shorter than twice WEBHOOK_TIMEOUT; reads WEBHOOK_CONCURRENCY", () => {
  const base = { WEBHOOK_URL: "http://127.0.0.1:9/hooks", WEBHOOK_SECRET: WEBHOOK_SECRET };
  expect(() => loadConfig({ ...base, OUTBOX_LEASE: "15s", WEBHOOK_TIMEOUT: "10s" })).toThrow(/OUTBOX_LEASE/);
  expect(() => loadConfig({ ...base, WEBHOOK_CONCURRENCY: "0" })).toThrow(/WEBHOOK_CONCURRENCY/);
  expect(loadConfig(base).events?.webhook).toMatchObject({ timeoutMs: 10_000, concurrency: 64 });
  expect(loadConfig({ ...base, WEBHOOK_CONCURRENCY: "5" }).events?.webhook?.concurrency).toBe(5);
});

it("commits a current JSON Schema of every event type (npm run events -- schemas)", () => {
  for (const [name, text] of eventJsonSchemas())
    expect(readFileSync(join(import.meta.dirname, "../docs/events", name), "utf8")).toBe(text);
});
