// Gap-free catch-up: resubscribing with the last seq seen replays exactly what was missed, then
// continues live, with no gap and no duplicate at the seam.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  DeleteMessageDocument,
  MessageCatchUpDocument,
  MessageColumnsDocument,
  OpenDirectChatDocument,
  SendMessageDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle, sleep } from "./helpers/client.ts";
import { png } from "./helpers/media.ts";
import { uploaded } from "./helpers/upload.ts";

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let chatId: string;

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob] = await Promise.all([t.signUp("Alice"), t.signUp("Bob")]);
  chatId = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
});
afterAll(() => t?.close());

const send = (text: string) => alice.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });

it("replays the 20 missed messages in order, then streams live ones", async () => {
  const socket = t.ws(bob);
  const first = new Recorder(socket, MessageCatchUpDocument, { chatId });
  await settle();
  await send("seen");
  const [seen] = await first.waitFor(1);
  const lastSeq = seen?.messageAdded.seq ?? 0;
  first.stop();
  await socket.dispose();

  for (let i = 1; i <= 20; i++) await send(`missed ${i}`);
  const again = new Recorder(t.ws(bob), MessageCatchUpDocument, { chatId, afterSeq: lastSeq });
  const replayed = await again.waitFor(20);
  expect(replayed.map((r) => r.messageAdded.text)).toEqual(Array.from({ length: 20 }, (_, i) => `missed ${i + 1}`));
  expect(replayed.map((r) => r.messageAdded.seq)).toEqual(Array.from({ length: 20 }, (_, i) => lastSeq + i + 1));
  await send("live");
  const all = await again.waitFor(21);
  await settle();
  expect(all.map((r) => r.messageAdded.text).slice(20)).toEqual(["live"]);
  again.stop();
});

it("has no gap or duplicate while messages keep arriving during the replay", async () => {
  const base = (await send("base")).sendMessage.seq;
  const sending = (async () => {
    for (let i = 0; i < 30; i++) await send(`burst ${i}`);
  })();
  await sleep(20);
  const sub = new Recorder(t.ws(bob), MessageCatchUpDocument, { after: [{ chatId, seq: base }] });
  await sending;
  const got = await sub.waitFor(30);
  await settle();
  expect(got.map((r) => r.messageAdded.seq)).toEqual(Array.from({ length: 30 }, (_, i) => base + i + 1));
  sub.stop();
});

it("answers a selection of the message's own fields from the event, live and replayed, as stored", async () => {
  const live = new Recorder(t.ws(bob), MessageColumnsDocument, { chatId });
  await settle();
  const inputs = [
    {
      chatId,
      type: "LOCATION" as const,
      location: { latitude: 31.23, longitude: 121.47, cityCode: 310000, address: "外滩" },
    },
    {
      chatId,
      type: "IMAGE" as const,
      fileId: (await uploaded(t.url, alice, png(2, 2), "p.png")).id,
      text: "caption",
      clientMessageId: "k-1",
    },
    { chatId, type: "TEXT" as const, text: "to be deleted" },
  ];
  const sent = [];
  for (const input of inputs) sent.push((await alice.http.run(SendMessageDocument, { input })).sendMessage);
  const { sender: _, ...columns } = sent[0] as (typeof sent)[number];
  const expected = sent.map(({ sender: _s, ...rest }) => rest);
  expect(Object.keys(columns).sort()).toEqual(Object.keys((await live.waitFor(1))[0]?.messageAdded ?? {}).sort());
  expect((await live.waitFor(3)).map((r) => r.messageAdded)).toEqual(expected);
  live.stop();

  await alice.http.run(DeleteMessageDocument, { id: sent[2]?.id ?? "" });
  const replay = new Recorder(t.ws(bob), MessageColumnsDocument, { chatId, afterSeq: (sent[0]?.seq ?? 1) - 1 });
  const replayed = (await replay.waitFor(3)).map((r) => r.messageAdded);
  expect(replayed).toEqual([expected[0], expected[1], { ...expected[2], deleted: true, text: "" }]);
  replay.stop();
});

it("refuses a replay of a chat the caller is not in", async () => {
  const eve = await t.signUp("Eve");
  const sub = new Recorder(t.ws(eve), MessageCatchUpDocument, { chatId, afterSeq: 0 });
  await sleep(500);
  expect(JSON.stringify(sub.errors)).toContain("NOT_FOUND");
  expect(sub.items).toEqual([]);
});

it("replays a backlog of more than 1,000 messages in full, then streams live", { timeout: 120_000 }, async () => {
  const [carol, dave] = await Promise.all([t.signUp("Carol"), t.signUp("Dave")]);
  const chat = (await carol.http.run(OpenDirectChatDocument, { userId: dave.id })).openDirectChat.chat.id;
  const missed = 1_050;
  // Sent 25 at a time, each with its idempotency key: a send whose connection was reset (a pooled
  // socket the loaded server closed) is retried safely, as a client would.
  const sendOnce = (key: string) =>
    carol.http.run(SendMessageDocument, {
      input: { chatId: chat, type: "TEXT", text: "backlog", clientMessageId: key },
    });
  for (let i = 0; i < missed; i += 25)
    await Promise.all(
      Array.from({ length: Math.min(25, missed - i) }, (_, j) =>
        sendOnce(`b${i + j}`).catch(() => sendOnce(`b${i + j}`)),
      ),
    );
  const sub = new Recorder(t.ws(dave), MessageCatchUpDocument, { chatId: chat, afterSeq: 0 });
  const replayed = await sub.waitFor(missed, 60_000);
  expect(replayed.map((r) => r.messageAdded.seq)).toEqual(Array.from({ length: missed }, (_, i) => i + 1));
  await carol.http.run(SendMessageDocument, { input: { chatId: chat, type: "TEXT", text: "live after" } });
  const all = await sub.waitFor(missed + 1);
  expect(all.at(-1)?.messageAdded).toMatchObject({ seq: missed + 1, text: "live after" });
  sub.stop();
});
