// Two instances on one PostgreSQL and one Redis: an edit, a reaction and a deletion made through A
// reach a subscriber on B as messageUpdated.
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddReactionDocument,
  DeleteMessageDocument,
  EditMessageDocument,
  MessageUpdatedDocument,
  OpenDirectChatDocument,
  SendRichDocument,
  SignUpDocument,
} from "./gql/graphql.ts";
import { startCluster } from "./helpers/app.ts";
import { onServices } from "./helpers/backend.ts";
import { type Http, Recorder, settle, wsClient } from "./helpers/client.ts";

describe.skipIf(!onServices)("messageUpdated across instances", () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  const sockets: Client[] = [];

  beforeAll(async () => {
    cluster = await startCluster(2);
  });
  afterAll(async () => {
    await Promise.allSettled(sockets.map((s) => s.dispose()));
    await cluster?.close();
  });

  const user = async (via: Http, name: string) => {
    const username = `${name}${Date.now()}`;
    const { signUp } = await via.run(SignUpDocument, { username, password: "correct horse", nickname: name });
    return { id: signUp.user.id, token: signUp.token, http: via.with(signUp.token) };
  };

  it("delivers an edit, a reaction and a deletion made on A to a subscriber on B", async () => {
    const [a, b] = cluster.apps.map((x) => x.http) as [Http, Http];
    const alice = await user(a, "alice");
    const bob = await user(b, "bob");
    const chatId = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
    const { sendMessage } = await alice.http.run(SendRichDocument, { input: { chatId, type: "TEXT", text: "hi" } });
    const socket = wsClient(cluster.apps[1]?.url ?? "", { authorization: `Bearer ${bob.token}` });
    sockets.push(socket);
    const updates = new Recorder(socket, MessageUpdatedDocument, {});
    await settle();

    await alice.http.run(EditMessageDocument, { id: sendMessage.id, text: "hello" });
    const [edited] = await updates.waitFor(1, 10_000);
    expect(edited?.messageUpdated).toMatchObject({ id: sendMessage.id, text: "hello", deleted: false });
    expect(edited?.messageUpdated.editedAt).not.toBeNull();
    await alice.http.run(AddReactionDocument, { messageId: sendMessage.id, emoji: "👋" });
    const reacted = (await updates.waitFor(2, 10_000))[1]?.messageUpdated;
    expect(reacted?.reactions).toEqual([{ emoji: "👋", count: 1, reactedByMe: false }]);
    await alice.http.run(DeleteMessageDocument, { id: sendMessage.id });
    const deleted = (await updates.waitFor(3, 10_000))[2]?.messageUpdated;
    expect(deleted).toMatchObject({ id: sendMessage.id, deleted: true, text: "" });
  });
});
