// The web client (web/) in a real browser: Debian's Chromium driven by playwright-core. Two people
// sign up, become friends, chat (text, an image, a reaction), see the unread badge, the read
// receipt and the typing indicator; a third joins a group and is muted there. Runs on the embedded
// backend only (the client is the same on both); screenshots go to .ci/out/screenshots/.
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatDocument, RequestFriendDocument, SendMessageDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";
import { onServices } from "./helpers/backend.ts";
import { Http } from "./helpers/client.ts";
import { png } from "./helpers/media.ts";

const SHOTS = join(import.meta.dirname, "../.ci/out/screenshots");
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

describe.skipIf(onServices)("the web client in a browser", () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    origin = new URL(t.url).origin;
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    await mkdir(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await Promise.allSettled(contexts.map((c) => c.close()));
    await browser?.close();
    await t?.close();
  });

  async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 720 }, ...options });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    if (process.env.XIM_TEST_LOG) {
      page.on("console", (m) => console.log(`[browser] ${m.type()}: ${m.text()}`));
      page.on("pageerror", (err) => console.log(`[browser] page error: ${err.stack}`));
    }
    await page.goto(origin);
    return page;
  }

  async function signUp(page: Page, nickname: string): Promise<string> {
    const username = `${nickname.toLowerCase()}${randomBytes(4).toString("hex")}`;
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByPlaceholder("Username").fill(username);
    await page.getByPlaceholder("Password").fill("correct horse");
    await page.getByPlaceholder("Nickname").fill(nickname);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByTestId("me").getByText(nickname).waitFor();
    return username;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const composer = (page: Page) => page.getByRole("textbox", { name: "Message" });
  const message = (page: Page, text: string) => page.getByTestId("message").filter({ hasText: text });
  const session = (page: Page) =>
    page.evaluate(
      () => JSON.parse(localStorage.getItem("xim.session") ?? "null") as { token: string; user: { id: string } },
    );
  const imageLoaded = (page: Page) =>
    page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>("img.image")].some(
        (img) => img.complete && img.naturalWidth === 160,
      ),
    );

  it("two people befriend, chat, read and type; a third is put in a group and muted", async () => {
    const alice = await openPage({
      geolocation: { latitude: 48.8584, longitude: 2.2945 },
      permissions: ["geolocation"],
    });
    const bob = await openPage();
    await signUp(alice, "Alice");
    const bobName = await signUp(bob, "Bob");

    // Alice finds Bob and asks; Bob's request list shows it live and he accepts.
    await alice.getByRole("textbox", { name: "Find user" }).fill(bobName);
    await alice.getByRole("button", { name: "Find", exact: true }).click();
    await alice.getByRole("button", { name: "Add friend" }).click();
    await alice.getByText("Friend request sent").waitFor();
    await bob.getByTestId("request").filter({ hasText: "Alice" }).getByRole("button", { name: "Accept" }).click();

    // Bob is online (his page holds a socket): a green dot by his name in Alice's friends.
    const bobFriend = alice.getByTestId("friend").filter({ hasText: "Bob" });
    await bobFriend.locator(".dot.online").waitFor();
    await bobFriend.click();
    await composer(alice).fill("Hello Bob");
    await composer(alice).press("Enter");
    await alice.getByTestId("message").filter({ hasText: "Hello Bob" }).waitFor();
    expect(await alice.getByTestId("receipt").textContent()).toBe("✓");

    // Bob's list gets the chat with an unread badge; opening it reads it, and Alice sees ✓✓.
    const bobsChat = bob.locator(".chat-item").filter({ hasText: "Alice" });
    await bobsChat.getByTestId("unread").getByText("1").waitFor();
    await shot(bob, "unread-badge");
    await bobsChat.click();
    await bob.getByTestId("message").filter({ hasText: "Hello Bob" }).waitFor();
    await bobsChat.getByTestId("unread").waitFor({ state: "detached" });
    await alice.getByTestId("receipt").getByText("✓✓").waitFor();

    // Bob types: Alice sees the indicator; his message replaces it.
    await composer(bob).pressSequentially("Hi Al");
    await alice.getByTestId("typing").getByText("Bob is typing…").waitFor();
    await shot(alice, "typing");
    await composer(bob).pressSequentially("ice!");
    await composer(bob).press("Enter");
    await alice.getByTestId("message").filter({ hasText: "Hi Alice!" }).waitFor();
    await alice.getByTestId("typing").waitFor({ state: "detached" });

    // Alice sends an image (uploadFile, then an IMAGE message): Bob's browser loads it.
    await alice
      .getByLabel("Image")
      .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: png(160, 100, true) });
    await imageLoaded(bob);

    // Bob reacts to Alice's first message and replies to it; Alice sees both.
    await message(bob, "Hello Bob").getByTitle("React 👍").click();
    await message(alice, "Hello Bob").getByRole("button", { name: "👍 1" }).waitFor();
    await message(bob, "Hello Bob").getByRole("button", { name: "Reply" }).click();
    await composer(bob).fill("Agreed");
    await composer(bob).press("Enter");
    await message(alice, "Agreed").locator(".reply-to").getByText("Alice: Hello Bob").waitFor();

    // Alice edits her first message, sends and deletes another, and sends her location.
    await message(alice, "Hello Bob").getByRole("button", { name: "Edit" }).click();
    await composer(alice).fill("Hello there, Bob");
    await alice.getByRole("button", { name: "Save" }).click();
    await message(bob, "Hello there, Bob").getByText("(edited)").waitFor();
    await composer(alice).fill("oops");
    await composer(alice).press("Enter");
    await message(bob, "oops").waitFor();
    await message(alice, "oops").getByRole("button", { name: "Delete" }).click();
    await bob.getByTestId("message").getByText("Message deleted").waitFor();
    await alice.getByTitle("Send my location").click();
    await bob.getByTestId("message").getByRole("link", { name: "48.85840, 2.29450" }).waitFor();
    await imageLoaded(alice);
    await shot(alice, "conversation");

    // 30 more messages from Bob: Alice's view holds the newest 30 and pages up to the first.
    const bobHttp = new Http(t.url, (await session(bob)).token);
    const directId =
      (await alice.locator(".chat-item.selected").getAttribute("data-testid"))?.replace("chat-", "") ?? "";
    for (let i = 1; i <= 30; i++)
      await bobHttp.run(SendMessageDocument, { input: { chatId: directId, type: "TEXT", text: `Bob #${i}` } });
    await message(alice, "Bob #30").waitFor();
    // A session a day old renews its token (refreshToken) when the page loads, and goes on with it.
    await alice.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem("xim.session") ?? "{}");
      localStorage.setItem("xim.session", JSON.stringify({ ...stored, renewedAt: Date.now() - 25 * 3600_000 }));
    });
    await alice.reload();
    await alice.waitForFunction(
      () => JSON.parse(localStorage.getItem("xim.session") ?? "{}").renewedAt > Date.now() - 60_000,
    );
    await alice.locator(".chat-item").filter({ hasText: "Bob" }).click();
    await message(alice, "Bob #30").waitFor();
    const first = alice.locator('[data-testid="message"][data-seq="1"]');
    expect(await first.count()).toBe(0);
    await alice.getByRole("button", { name: "Load older messages" }).click();
    await first.getByText("Hello there, Bob").waitFor();

    // Carol (made through the API) asks Alice; Alice accepts, makes a group with Bob and Carol and mutes Carol.
    const carol = await t.signUp("Carol");
    await carol.http.run(RequestFriendDocument, { userId: (await session(alice)).user.id });
    await alice.getByTestId("request").filter({ hasText: "Carol" }).getByRole("button", { name: "Accept" }).click();
    await alice.getByText("New group").click();
    await alice.getByRole("textbox", { name: "Group name" }).fill("Weekend trip");
    await alice.getByRole("checkbox", { name: "Bob" }).check();
    await alice.getByRole("checkbox", { name: "Carol" }).check();
    await alice.getByRole("button", { name: "Create" }).click();
    await alice.getByRole("heading", { name: /Weekend trip/ }).waitFor();
    await alice.getByText("Members", { exact: true }).click();
    const carolRow = alice.getByTestId("member").filter({ hasText: "Carol" });
    await carolRow.getByRole("button", { name: "Mute" }).click();
    await carolRow.getByText("muted").waitFor();
    await shot(alice, "group");
    const groupId = (await alice.locator(".chat-item.selected").getAttribute("data-testid"))?.replace("chat-", "");
    const { chat } = await carol.http.run(ChatDocument, { id: groupId ?? "" });
    expect(chat?.title).toBe("Weekend trip");
    expect(chat?.canSend).toBe(false);

    // Bob mentions Alice in the group while she reads another chat: her list shows "@" on it.
    await alice.locator(".chat-item").filter({ hasText: "Bob" }).click();
    await bob.locator(".chat-item").filter({ hasText: "Weekend trip" }).click();
    await bob.getByTestId("member").filter({ hasText: "Alice" }).waitFor({ state: "attached" });
    await composer(bob).fill("@Alice boots or trainers?");
    await composer(bob).press("Enter");
    const group = alice.locator(".chat-item").filter({ hasText: "Weekend trip" });
    await group.locator(".badge.mention").waitFor();
    expect(await group.getByTestId("unread").textContent()).toBe("1");
    await shot(alice, "mention");
  }, 120_000);
});
