// Nothing lost: an instance killed (kill -9) while it was delivering an event leaves it in the
// outbox; another instance delivers it, under the same webhook-id, once the dead one's lease lapses.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OpenDirectChatDocument, SendMessageDocument, SignUpDocument } from "./gql/graphql.ts";
import { freshDatabase, onServices } from "./helpers/backend.ts";
import { Http } from "./helpers/client.ts";
import { startXim, stopProcess, type XimProcess } from "./helpers/processes.ts";
import { type Receiver, startReceiver } from "./helpers/webhook-receiver.ts";

let receiver: Receiver;
let db: { url: string; drop(): Promise<void> };
const instances: XimProcess[] = [];

beforeAll(async () => {
  if (!onServices) return;
  receiver = await startReceiver();
  db = await freshDatabase();
});

afterAll(async () => {
  await Promise.allSettled(instances.map((x) => stopProcess(x.proc, "SIGKILL")));
  await receiver?.close();
  await db?.drop();
});

async function instance(): Promise<XimProcess> {
  const x = await startXim({
    DATABASE_URL: db.url,
    JWT_SECRET: "k".repeat(40),
    WEBHOOK_URL: receiver.url,
    WEBHOOK_SECRET: receiver.secret,
    OUTBOX_LEASE: "2s",
    WEBHOOK_TIMEOUT: "1s",
  });
  instances.push(x);
  if (!x.url) throw new Error(`xim did not start: ${x.output()}`);
  return x;
}

async function signUp(http: Http, nickname: string) {
  const username = `u${randomBytes(5).toString("hex")}`;
  const { signUp } = await http.run(SignUpDocument, { username, password: "correct horse", nickname });
  return { id: signUp.user.id, http: http.with(signUp.token) };
}

it.runIf(onServices)(
  "delivers an event whose instance died mid-delivery from another instance",
  async () => {
    const a = await instance();
    const http = new Http(a.url);
    const ada = await signUp(http, "Ada");
    const bob = await signUp(http, "Bob");
    const { openDirectChat } = await ada.http.run(OpenDirectChatDocument, { userId: bob.id });
    // The receiver holds A's delivery of the message open: A has committed and is relaying.
    receiver.answer = (d) => (d.type === "message.created" ? "hang" : 200);
    const { sendMessage } = await ada.http.run(SendMessageDocument, {
      input: { chatId: openDirectChat.chat.id, type: "TEXT", text: "survives" },
    });
    const isIt = (d: { type: string; data: Record<string, unknown> }) =>
      d.type === "message.created" && (d.data.message as { id: string }).id === sendMessage.id;
    const first = await receiver.waitFor(isIt);
    await stopProcess(a.proc, "SIGKILL");

    receiver.answer = () => 200;
    await instance();
    const again = await receiver.waitFor((d) => isIt(d) && d !== first, 20_000);
    expect(again.id).toBe(first.id);
    expect(again.data).toEqual(first.data);
  },
  60_000,
);
