// clientMessageId is an idempotency key: the same request again answers the first message; the
// same key with another chat or content is CONFLICT, compared with the first request as sent.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  DeleteMessageDocument,
  MessageAddedDocument,
  MessagesDocument,
  OpenDirectChatDocument,
  SendMessageDocument,
  type SendMessageInput,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle } from "./helpers/client.ts";

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let ab: string;
let ac: string;
beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, carol] = await Promise.all([t.signUp("Alice"), t.signUp("Bob"), t.signUp("Carol")]);
  ab = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
  ac = (await alice.http.run(OpenDirectChatDocument, { userId: carol.id })).openDirectChat.chat.id;
});
afterAll(() => t?.close());

const send = (input: SendMessageInput) => alice.http.run(SendMessageDocument, { input });
const texts = async (u: TestUser, chatId: string) =>
  (await u.http.run(MessagesDocument, { chatId, last: 50 })).messages.edges.map((e) => e.node.text);

it("the same key and the same request: the first message, stored once, one event", async () => {
  const sub = new Recorder(t.ws(bob), MessageAddedDocument, { chatId: ab });
  await settle();
  const input = { chatId: ab, type: "TEXT" as const, text: "same", clientMessageId: "k-same" };
  const first = await send(input);
  const second = await send(input);
  expect(second.sendMessage).toEqual(first.sendMessage);
  expect((await texts(bob, ab)).filter((x) => x === "same")).toHaveLength(1);
  await sub.waitFor(1);
  await settle();
  expect(sub.items.map((e) => e.messageAdded.id)).toEqual([first.sendMessage.id]);
  sub.stop();
});

it("the same key in another chat is CONFLICT, and nothing is stored there", async () => {
  await send({ chatId: ab, type: "TEXT", text: "where", clientMessageId: "k-chat" });
  expect(
    await alice.http.code(SendMessageDocument, {
      input: { chatId: ac, type: "TEXT", text: "where", clientMessageId: "k-chat" },
    }),
  ).toBe("CONFLICT");
  expect(await texts(carol, ac)).toEqual([]);
  expect((await texts(bob, ab)).filter((x) => x === "where")).toHaveLength(1);
});

it("the same key with other content is CONFLICT", async () => {
  await send({ chatId: ab, type: "TEXT", text: "what", clientMessageId: "k-text" });
  for (const input of [
    { chatId: ab, type: "TEXT" as const, text: "what else", clientMessageId: "k-text" },
    { chatId: ab, type: "IMAGE" as const, fileId: "f-1", text: "what", clientMessageId: "k-text" },
  ])
    expect(await alice.http.code(SendMessageDocument, { input })).toBe("CONFLICT");
  const loc = { chatId: ab, type: "LOCATION" as const, clientMessageId: "k-loc" };
  await send({ ...loc, location: { latitude: 1, longitude: 2, address: "here" } });
  expect(
    await alice.http.code(SendMessageDocument, {
      input: { ...loc, location: { latitude: 1, longitude: 2, address: "there" } },
    }),
  ).toBe("CONFLICT");
  const stored = await texts(bob, ab);
  expect(stored.filter((x) => x === "what")).toHaveLength(1);
  expect(stored.filter((x) => x === "what else")).toHaveLength(0);
});

it("a retry after the message was deleted answers the first (deleted) message, no CONFLICT", async () => {
  const input = { chatId: ab, type: "TEXT" as const, text: "gone", clientMessageId: "k-deleted" };
  const first = await send(input);
  await alice.http.run(DeleteMessageDocument, { id: first.sendMessage.id });
  const retry = await send(input);
  expect(retry.sendMessage).toMatchObject({ id: first.sendMessage.id, seq: first.sendMessage.seq, deleted: true });
  expect(await alice.http.code(SendMessageDocument, { input: { ...input, text: "not gone" } })).toBe("CONFLICT");
});

it("concurrent retries store one message, and a concurrent different request with the key is CONFLICT", async () => {
  const input = { chatId: ab, type: "TEXT" as const, text: "race", clientMessageId: "k-race" };
  const answers = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      alice.http.raw(SendMessageDocument, { input: i === 5 ? { ...input, text: "race other" } : input }),
    ),
  );
  const ok = answers.slice(0, 5);
  const other = answers[5];
  const texts5 = await texts(bob, ab);
  expect(texts5.filter((x) => x === "race" || x === "race other")).toHaveLength(1);
  // Whichever request stored first, the other kind is refused.
  if (texts5.includes("race")) {
    for (const r of ok) expect(r.errors).toBeUndefined();
    expect(new Set(ok.map((r) => r.data?.sendMessage.id)).size).toBe(1);
    expect(other?.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  } else {
    for (const r of ok) expect(r.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(other?.errors).toBeUndefined();
  }
});
