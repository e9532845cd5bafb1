// Reactions: one emoji grapheme per user, message and emoji, idempotent; grouped most used first,
// ties by first use; at most 20 distinct emojis; members only; messageUpdated on each change.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  AddReactionDocument,
  ChangedMessagesDocument,
  DeleteMessageDocument,
  MessageUpdatedDocument,
  RemoveReactionDocument,
  SendRichDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle } from "./helpers/client.ts";
import { fingerprint } from "./helpers/fingerprint.ts";
import { befriend, createGroup } from "./helpers/social.ts";

let t: TestApp;
let owner: TestUser;
let amy: TestUser;
let ben: TestUser;
let eve: TestUser;
let chatId: string;

beforeAll(async () => {
  t = await startTestApp();
  owner = await t.signUp("Owner");
  amy = await t.signUp("Amy");
  ben = await t.signUp("Ben");
  eve = await t.signUp("Eve");
  for (const u of [amy, ben]) await befriend(owner, u);
  chatId = await createGroup(owner, [amy, ben]);
});
afterAll(() => t?.close());

const send = async (text: string) =>
  (await owner.http.run(SendRichDocument, { input: { chatId, type: "TEXT", text } })).sendMessage;
const react = (u: TestUser, messageId: string, emoji: string) =>
  u.http.run(AddReactionDocument, { messageId, emoji }).then((r) => r.addReaction.reactions);

it("groups reactions, most used first and ties by first use, with reactedByMe per caller", async () => {
  const m = await send("react to me");
  const updates = new Recorder(t.ws(ben), MessageUpdatedDocument, { chatId });
  await settle();
  await react(amy, m.id, "👍🏽");
  await react(ben, m.id, "👨‍👩‍👧");
  await react(owner, m.id, "👨‍👩‍👧");
  await react(owner, m.id, "🇫🇷");
  const mine = await react(amy, m.id, "🇫🇷");
  // 👨‍👩‍👧 and 🇫🇷 both twice: 👨‍👩‍👧 was used first.
  expect(mine).toEqual([
    { emoji: "👨‍👩‍👧", count: 2, reactedByMe: false },
    { emoji: "🇫🇷", count: 2, reactedByMe: true },
    { emoji: "👍🏽", count: 1, reactedByMe: true },
  ]);
  const events = await updates.waitFor(5);
  expect(events.at(-1)?.messageUpdated.reactions).toEqual([
    { emoji: "👨‍👩‍👧", count: 2, reactedByMe: true },
    { emoji: "🇫🇷", count: 2, reactedByMe: false },
    { emoji: "👍🏽", count: 1, reactedByMe: false },
  ]);

  // Idempotent: adding again or removing what is not there changes nothing and tells no one.
  await react(amy, m.id, "🇫🇷");
  await ben.http.run(RemoveReactionDocument, { messageId: m.id, emoji: "🇫🇷" });
  await settle();
  expect(updates.items).toHaveLength(5);

  const { removeReaction } = await amy.http.run(RemoveReactionDocument, { messageId: m.id, emoji: "🇫🇷" });
  expect(removeReaction.reactions).toEqual([
    { emoji: "👨‍👩‍👧", count: 2, reactedByMe: false },
    { emoji: "👍🏽", count: 1, reactedByMe: true },
    { emoji: "🇫🇷", count: 1, reactedByMe: false },
  ]);
  await updates.waitFor(6);
});

it("refuses what is not one emoji, a 21st emoji, a stranger, and a deleted message: nothing changes", async () => {
  const m = await send("limits");
  const emojis = [..."😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂"];
  expect(emojis).toHaveLength(20);
  for (const e of emojis) await react(amy, m.id, e);
  const before = await fingerprint(t.app.services.prisma);
  for (const bad of ["a", "ab", "1", "👍👍", "👍a", "", " 👍"])
    expect(await amy.http.code(AddReactionDocument, { messageId: m.id, emoji: bad })).toBe("BAD_USER_INPUT");
  expect(await amy.http.code(AddReactionDocument, { messageId: m.id, emoji: "🙃" })).toBe("CONFLICT");
  expect(await ben.http.code(AddReactionDocument, { messageId: m.id, emoji: "🙃" })).toBe("CONFLICT");
  expect(await eve.http.code(AddReactionDocument, { messageId: m.id, emoji: "😀" })).toBe("NOT_FOUND");
  expect(await eve.http.code(RemoveReactionDocument, { messageId: m.id, emoji: "😀" })).toBe("NOT_FOUND");
  expect(await fingerprint(t.app.services.prisma)).toBe(before);
  // An emoji already on the message may still be added by another member.
  expect((await react(ben, m.id, "😀"))[0]).toEqual({ emoji: "😀", count: 2, reactedByMe: true });

  expect(await eve.http.code(ChangedMessagesDocument, { chatId, last: 1 })).toBe("NOT_FOUND");

  await owner.http.run(DeleteMessageDocument, { id: m.id });
  const deleted = await fingerprint(t.app.services.prisma);
  expect(await amy.http.code(AddReactionDocument, { messageId: m.id, emoji: "🐙" })).toBe("CONFLICT");
  expect(await fingerprint(t.app.services.prisma)).toBe(deleted);
});

it("keeps the limit of 20 distinct emojis when new emojis arrive at the same moment", async () => {
  const m = await send("race");
  for (const e of [..."😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲"]) await react(amy, m.id, e);
  const news = [..."🐙🦊🐼🐸🦁🐯"];
  const results = await Promise.all(
    news.map((e, i) =>
      ((i % 2 ? ben : owner) as TestUser).http.raw(AddReactionDocument, { messageId: m.id, emoji: e }),
    ),
  );
  const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? "OK");
  expect(codes.every((c) => c === "OK" || c === "CONFLICT")).toBe(true);
  const { messages } = await amy.http.run(ChangedMessagesDocument, { chatId, last: 1 });
  const reactions = messages.edges.at(-1)?.node.reactions ?? [];
  expect(reactions.length).toBeLessThanOrEqual(20);
  // Exactly the calls answered OK added an emoji.
  expect(reactions.length - 18).toBe(codes.filter((c) => c === "OK").length);
});
