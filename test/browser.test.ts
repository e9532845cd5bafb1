// The web client (web/) in a real browser: Debian's Chromium driven by playwright-core. Two people
// sign up, become friends, chat (text, an image, a reaction), see the unread badge, the read
// receipt and the typing indicator; a third joins a group and is muted there. Runs on the embedded
// backend only (the client is the same on both); screenshots go to .ci/out/screenshots/.
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatDocument, RequestFriendDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";
import { onServices } from "./helpers/backend.ts";
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

  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
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

  it("two people befriend, chat, read and type; a third is put in a group and muted", async () => {
    const alice = await openPage();
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
    expect(await alice.getByTestId("receipt").innerText()).toBe("✓");

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
    await bob.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>("img.image")].some(
        (img) => img.complete && img.naturalWidth === 160,
      ),
    );

    // Bob reacts to Alice's first message; Alice sees the count.
    await bob.getByTestId("message").filter({ hasText: "Hello Bob" }).getByTitle("React 👍").click();
    await alice.getByTestId("message").filter({ hasText: "Hello Bob" }).getByRole("button", { name: "👍 1" }).waitFor();
    await alice.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>("img.image")].some(
        (img) => img.complete && img.naturalWidth === 160,
      ),
    );
    await shot(alice, "conversation");

    // Carol (made through the API) asks Alice; Alice accepts, makes a group with Bob and Carol and mutes Carol.
    const carol = await t.signUp("Carol");
    const me = await alice.evaluate(() => JSON.parse(localStorage.getItem("xim.session") ?? "null").user.id as string);
    await carol.http.run(RequestFriendDocument, { userId: me });
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
    await bob.locator(".chat-item").filter({ hasText: "Weekend trip" }).waitFor();
    await shot(alice, "group");

    const groupId = (await alice.locator(".chat-item.selected").getAttribute("data-testid"))?.replace("chat-", "");
    const { chat } = await carol.http.run(ChatDocument, { id: groupId ?? "" });
    expect(chat?.title).toBe("Weekend trip");
    expect(chat?.canSend).toBe(false);
  }, 120_000);
});
