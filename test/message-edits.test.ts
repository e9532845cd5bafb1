// editMessage: the sender's own TEXT message, within the edit window, at most 500 bytes; the
// previous text is kept; members see messageUpdated, the list only when it is the last message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChangedMessagesDocument,
  ChatListUpdatedDocument,
  DeleteMessageDocument,
  EditMessageDocument,
  MessageUpdatedDocument,
  OpenDirectChatDocument,
  SendRichDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle, sleep } from "./helpers/client.ts";
import { fingerprint } from "./helpers/fingerprint.ts";
import { png } from "./helpers/media.ts";
import { uploaded } from "./helpers/upload.ts";

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let eve: TestUser;
let chatId: string;

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, eve] = await Promise.all([t.signUp("Alice"), t.signUp("Bob"), t.signUp("Eve")]);
  chatId = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
});
afterAll(() => t?.close());

const send = async (from: TestUser, text: string) =>
  (await from.http.run(SendRichDocument, { input: { chatId, type: "TEXT", text } })).sendMessage;

const stored = async (id: string) => {
  const { messages } = await alice.http.run(ChangedMessagesDocument, { chatId, last: 100 });
  return messages.edges.find((e) => e.node.id === id)?.node;
};

describe("editMessage", () => {
  it("changes the text, sets editedAt, keeps the previous text, and tells the members", async () => {
    const first = await send(alice, "first");
    const m = await send(alice, "helo");
    const bobSocket = t.ws(bob);
    const updates = new Recorder(bobSocket, MessageUpdatedDocument, { chatId });
    const list = new Recorder(bobSocket, ChatListUpdatedDocument);
    const outsider = new Recorder(t.ws(eve), MessageUpdatedDocument, {});
    await settle();

    const { editMessage } = await alice.http.run(EditMessageDocument, { id: m.id, text: "hello" });
    expect(editMessage).toMatchObject({ id: m.id, text: "hello", seq: m.seq });
    expect(editMessage.editedAt).not.toBeNull();
    const [event] = await updates.waitFor(1);
    expect(event?.messageUpdated).toMatchObject({ id: m.id, text: "hello", editedAt: editMessage.editedAt });
    await list.waitFor(1); // the last message changed: the list entry too

    // An earlier message: messageUpdated, but the list entry does not change.
    await alice.http.run(EditMessageDocument, { id: first.id, text: "first!" });
    await updates.waitFor(2);
    await settle();
    expect(list.items).toHaveLength(1);
    expect(outsider.items).toEqual([]);

    const edits = await t.app.services.prisma.messageEdit.findMany({
      where: { messageId: { in: [BigInt(m.id), BigInt(first.id)] } },
      orderBy: { id: "asc" },
    });
    expect(edits.map((e) => [String(e.messageId), e.previousText])).toEqual([
      [m.id, "helo"],
      [first.id, "first"],
    ]);
  });

  it("refuses another's message, a non-TEXT message, 501 bytes, and a stranger: nothing changes", async () => {
    const mine = await send(alice, "mine");
    const file = await uploaded(t.url, alice, png(2, 2), "cap.png");
    const image = (
      await alice.http.run(SendRichDocument, { input: { chatId, type: "IMAGE", fileId: file.id, text: "cap" } })
    ).sendMessage;
    const before = await fingerprint(t.app.services.prisma);
    expect(await bob.http.code(EditMessageDocument, { id: mine.id, text: "bob was here" })).toBe("FORBIDDEN");
    expect(await alice.http.code(EditMessageDocument, { id: image.id, text: "new caption" })).toBe("BAD_USER_INPUT");
    expect(await alice.http.code(EditMessageDocument, { id: mine.id, text: `${"é".repeat(250)}x` })).toBe(
      "BAD_USER_INPUT",
    );
    expect(await alice.http.code(EditMessageDocument, { id: mine.id, text: "   " })).toBe("BAD_USER_INPUT");
    expect(await eve.http.code(EditMessageDocument, { id: mine.id, text: "eve" })).toBe("NOT_FOUND");
    expect(await eve.http.code(EditMessageDocument, { id: "999999999", text: "eve" })).toBe("NOT_FOUND");
    expect(await fingerprint(t.app.services.prisma)).toBe(before);
    expect(await stored(mine.id)).toMatchObject({ text: "mine", editedAt: null });
    // 500 bytes exactly is fine.
    const ok = await alice.http.run(EditMessageDocument, { id: mine.id, text: "é".repeat(250) });
    expect(ok.editMessage.text).toBe("é".repeat(250));
  });

  it("refuses a deleted message (CONFLICT)", async () => {
    const m = await send(alice, "to delete");
    await alice.http.run(DeleteMessageDocument, { id: m.id });
    expect(await alice.http.code(EditMessageDocument, { id: m.id, text: "revived" })).toBe("CONFLICT");
    expect(await stored(m.id)).toMatchObject({ deleted: true, text: "", editedAt: null });
  });
});

describe("the edit window", () => {
  let short: TestApp;
  afterAll(() => short?.close());

  it("refuses an edit after EDIT_WINDOW (FORBIDDEN), and allows one within it", async () => {
    short = await startTestApp({ EDIT_WINDOW: "1s" });
    const [a, b] = await Promise.all([short.signUp("A"), short.signUp("B")]);
    const chat = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
    const sent = async () =>
      (await a.http.run(SendRichDocument, { input: { chatId: chat, type: "TEXT", text: "old" } })).sendMessage;
    const fresh = await sent();
    expect((await a.http.run(EditMessageDocument, { id: fresh.id, text: "new" })).editMessage.text).toBe("new");
    const late = await sent();
    await sleep(1500);
    const before = await fingerprint(short.app.services.prisma);
    expect(await a.http.code(EditMessageDocument, { id: late.id, text: "too late" })).toBe("FORBIDDEN");
    expect(await fingerprint(short.app.services.prisma)).toBe(before);
  });
});
