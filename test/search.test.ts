// searchMessages: substring, case-insensitive, any script; only the caller's chats now, never a
// deleted message; newest first with stable cursors; the bounded scan of short queries; limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DeleteMessageDocument,
  LeaveGroupDocument,
  OpenDirectChatDocument,
  SearchMessagesDocument,
  type SearchMessagesQuery,
  SendMessageDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { befriend, createGroup } from "./helpers/social.ts";

type SearchPage = SearchMessagesQuery["searchMessages"];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function say(u: TestUser, chatId: string, text: string) {
  return (await u.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } })).sendMessage;
}

async function direct(a: TestUser, b: TestUser) {
  return (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
}

const texts = async (u: TestUser, query: string, chatId?: string) =>
  (await u.http.run(SearchMessagesDocument, { query, chatId, first: 100 })).searchMessages.edges.map(
    (e) => e.node.text,
  );

describe("what matches", () => {
  it("finds a word inside Chinese text, 1, 2 or 3 characters, and any case", async () => {
    const [a, b] = await Promise.all([t.signUp(), t.signUp()]);
    const chat = await direct(a, b);
    await say(a, chat, "今天天气很好");
    await say(b, chat, "明天开会");
    await say(a, chat, "Hello World, ÉCOLE");
    expect(await texts(a, "天气")).toEqual(["今天天气很好"]);
    expect(await texts(b, "天")).toEqual(["明天开会", "今天天气很好"]);
    expect(await texts(a, "天气很")).toEqual(["今天天气很好"]);
    expect(await texts(a, "hello world")).toEqual(["Hello World, ÉCOLE"]);
    expect(await texts(a, "école")).toEqual(["Hello World, ÉCOLE"]);
    expect(await texts(a, "LD, é")).toEqual(["Hello World, ÉCOLE"]);
    expect(await texts(a, "下雨")).toEqual([]);
  });

  it("takes %, _ and \\ literally", async () => {
    const [a, b] = await Promise.all([t.signUp(), t.signUp()]);
    const chat = await direct(a, b);
    for (const text of ["100% sure", "100 percent", "a_b", "axb", "back\\slash", "backslash"]) await say(a, chat, text);
    expect(await texts(a, "%")).toEqual(["100% sure"]);
    expect(await texts(a, "0%")).toEqual(["100% sure"]);
    expect(await texts(a, "100%")).toEqual(["100% sure"]);
    expect(await texts(a, "_")).toEqual(["a_b"]);
    expect(await texts(a, "a_b")).toEqual(["a_b"]);
    expect(await texts(a, "\\")).toEqual(["back\\slash"]);
    expect(await texts(a, "k\\sl")).toEqual(["back\\slash"]);
  });
});

describe("whose messages", () => {
  it("never answers another chat's messages, nor deleted ones, nor a group's after leaving", async () => {
    const [a, b, c] = await Promise.all([t.signUp(), t.signUp(), t.signUp()]);
    const ab = await direct(a, b);
    const bc = await direct(b, c);
    await befriend(c, b);
    const group = await createGroup(c, [b]);
    await say(a, ab, "secret plan alpha");
    await say(c, bc, "secret plan bravo");
    await say(b, group, "secret plan charlie");
    const gone = await say(a, ab, "secret plan delta");
    await a.http.run(DeleteMessageDocument, { id: gone.id });
    expect(await texts(a, "secret plan")).toEqual(["secret plan alpha"]);
    expect(await texts(a, "秘")).toEqual([]);
    expect(await texts(b, "secret plan")).toEqual(["secret plan charlie", "secret plan bravo", "secret plan alpha"]);
    expect(await texts(b, "an")).toEqual(["secret plan charlie", "secret plan bravo", "secret plan alpha"]);
    expect(await texts(b, "secret plan", bc)).toEqual(["secret plan bravo"]);
    // A chat the caller is not in: NOT_FOUND, as for any other chat field.
    expect(await a.http.code(SearchMessagesDocument, { query: "secret", chatId: bc })).toBe("NOT_FOUND");
    // Leaving: the group's messages are no longer the caller's to search.
    await b.http.run(LeaveGroupDocument, { chatId: group });
    expect(await texts(b, "charlie")).toEqual([]);
    expect(await texts(b, "ch")).toEqual([]);
  });
});

describe("pages", () => {
  for (const query of ["note", "笔记"])
    it(`pages newest first with stable cursors, whatever is sent meanwhile (${query})`, async () => {
      const [a, b] = await Promise.all([t.signUp(), t.signUp()]);
      const chat = await direct(a, b);
      for (let i = 1; i <= 25; i++) await say(i % 2 ? a : b, chat, `note ${i} 笔记`);
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 3; page++) {
        const r: SearchPage = (await a.http.run(SearchMessagesDocument, { query, first: 10, after })).searchMessages;
        seen.push(...r.edges.map((e) => e.node.text));
        expect(r.pageInfo.hasNextPage).toBe(page < 2);
        expect(r.pageInfo.hasPreviousPage).toBe(page > 0);
        expect(r.pageInfo.endCursor).toBe(r.edges.at(-1)?.cursor);
        if (page === 0) await say(a, chat, "note 26 笔记"); // newer than the first page: not in the next ones
        after = r.pageInfo.endCursor ?? null;
      }
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `note ${25 - i} 笔记`));
    });

  it("bounds the scan of a short query: an empty page, then the rest after its endCursor", async () => {
    const small = await startTestApp({ SEARCH_SCAN_LIMIT: "100" });
    try {
      const [a, b] = await Promise.all([small.signUp(), small.signUp()]);
      const chat = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
      await say(a, chat, "麒麟 old");
      for (let i = 0; i < 149; i++) await say(i % 2 ? a : b, chat, `filler ${i}`);
      const first = (await a.http.run(SearchMessagesDocument, { query: "麒麟" })).searchMessages;
      expect(first.edges).toEqual([]);
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(first.pageInfo.endCursor).not.toBeNull();
      const next = (await a.http.run(SearchMessagesDocument, { query: "麒麟", after: first.pageInfo.endCursor }))
        .searchMessages;
      expect(next.edges.map((e) => e.node.text)).toEqual(["麒麟 old"]);
      expect(next.pageInfo.hasNextPage).toBe(false);
      // A query the index serves is complete on its first page.
      expect(await texts(a, "old")).toEqual(["麒麟 old"]);
    } finally {
      await small.close();
    }
  });
});

describe("input and limits", () => {
  it("refuses an empty or too long query and a bad cursor, with BAD_USER_INPUT", async () => {
    const a = await t.signUp();
    for (const query of ["", "   ", "天".repeat(101), "x".repeat(401), "a\u0000b"])
      expect(await a.http.code(SearchMessagesDocument, { query })).toBe("BAD_USER_INPUT");
    expect((await a.http.run(SearchMessagesDocument, { query: "天".repeat(100) })).searchMessages.edges).toEqual([]);
    expect((await a.http.run(SearchMessagesDocument, { query: "😀".repeat(100) })).searchMessages.edges).toEqual([]);
    for (const after of ["x", "-1", "1.5", "99999999999999999999"])
      expect(await a.http.code(SearchMessagesDocument, { query: "hi", after })).toBe("BAD_USER_INPUT");
    for (const first of [0, 101])
      expect(await a.http.code(SearchMessagesDocument, { query: "hi", first })).toBe("BAD_USER_INPUT");
  });

  it("is rate limited per caller", async () => {
    const limited = await startTestApp({ RATE_LIMIT_SEARCH_PER_MINUTE: "2" });
    try {
      const [a, b] = await Promise.all([limited.signUp(), limited.signUp()]);
      await a.http.run(SearchMessagesDocument, { query: "hi" });
      await a.http.run(SearchMessagesDocument, { query: "天气" });
      expect(await a.http.code(SearchMessagesDocument, { query: "hi" })).toBe("RATE_LIMITED");
      await b.http.run(SearchMessagesDocument, { query: "hi" });
    } finally {
      await limited.close();
    }
  });
});
