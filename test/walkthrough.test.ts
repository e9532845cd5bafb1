// The README's walkthrough is what GraphiQL opens with, and it works when followed literally, twice:
// the operations are run by name from the tabs' text, with the headers and variables it says.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { WALKTHROUGH_TABS } from "../src/http/walkthrough.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";
import { type Result, SseRecorder, settle } from "./helpers/client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const tab = (name: string) => WALKTHROUGH_TABS.find((x) => x.name === name)?.query ?? "";

/** Runs one operation of a tab, as GraphiQL's ▶ does: the tab's whole text and the operation's name. */
async function run(tabName: string, operationName: string, token?: string, variables?: object) {
  const res = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: tab(tabName), operationName, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the walkthrough's answers are read as a reader would.
  return (await res.json()) as Result<any>;
}

it("is in the README exactly as GraphiQL opens it", async () => {
  const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
  for (const { query } of WALKTHROUGH_TABS) expect(readme).toContain(query.trimEnd());
  const page = await (await fetch(t.url, { headers: { accept: "text/html" } })).text();
  for (const name of ["SignUpBob", "Live", "SayHi"]) expect(page).toContain(name);
});

it("works when followed literally, twice", { timeout: 60_000 }, async () => {
  for (const round of [1, 2]) {
    const first = round === 1;
    if (!first) expect((await run("Bob", "SignUpBob")).errors?.[0]?.extensions?.code).toBe("CONFLICT");
    const bob = (await run("Bob", first ? "SignUpBob" : "SignInBob")).data;
    const bobAuth = (bob.signUp ?? bob.signIn) as { token: string; user: { id: string } };
    const live = new SseRecorder<{ messageAdded: { text: string; sender: { nickname: string } } }>(
      t.url,
      { Authorization: `Bearer ${bobAuth.token}` },
      tab("Bob, live"),
    );
    await live.ready;
    await settle();
    const alice = (await run("Alice", first ? "SignUpAlice" : "SignInAlice")).data;
    const aliceToken = (alice.signUp ?? alice.signIn).token as string;
    const opened = await run("Alice", "OpenChatWithBob", aliceToken, { bob: bobAuth.user.id });
    expect(opened.errors).toBeUndefined();
    const chat = opened.data.openDirectChat.chat.id as string;
    const hi = await run("Alice", "SayHi", aliceToken, { bob: bobAuth.user.id, chat });
    expect(hi.errors).toBeUndefined();
    const [got] = await live.waitFor(1);
    expect(got?.data?.messageAdded).toMatchObject({ text: "Hi Bob!", sender: { nickname: "Alice" } });
    live.stop();
    const inbox = await run("Bob", "Inbox", bobAuth.token);
    const node = inbox.data.recentChats.edges.find((e: { node: { id: string } }) => e.node.id === chat)?.node;
    expect(node).toMatchObject({ title: "Alice", unreadCount: 1, lastMessage: { text: "Hi Bob!" } });
    const read = await run("Bob", "ReadAll", bobAuth.token, { chat });
    expect(read.data.markChatRead.unreadCount).toBe(0);
  }
});
