// Subscription events are executed once per selection per instance when every selected field is
// the same for every member (http/shared-events.ts); a selection with a field that depends on the
// viewer is still answered per subscriber. Both backends.
import { afterAll, beforeAll, expect, it } from "vitest";
import { AddedSenderOnlineDocument, AddedSharedDocument, SendMessageDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";
import { Recorder, settle } from "./helpers/client.ts";
import { befriend, createGroup } from "./helpers/social.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

it("gives every member the same message, and each member their own view of the sender's presence", async () => {
  const [alice, bob, carol] = [await t.signUp("Alice"), await t.signUp("Bob"), await t.signUp("Carol")];
  await befriend(bob, alice); // Bob may see Alice online; Carol, not Alice's friend, may not
  await befriend(bob, carol);
  const chatId = await createGroup(bob, [alice, carol]);
  const aliceSocket = t.ws(alice); // Alice holds a socket: she is online
  const subs = [bob, carol].map((u) => {
    const ws = t.ws(u);
    return {
      ws,
      shared: new Recorder(ws, AddedSharedDocument),
      online: new Recorder(ws, AddedSenderOnlineDocument),
    };
  });
  // Carol subscribes first on the second pass, so neither subscriber's answer can be the other's.
  const subsReversed = [carol].map((u) => {
    const ws = t.ws(u);
    return { ws, online: new Recorder(ws, AddedSenderOnlineDocument) };
  });
  await settle();
  for (const text of ["one", "two"])
    await alice.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });

  for (const s of subs) {
    const shared = await s.shared.waitFor(2);
    expect(shared.map((e) => [e.messageAdded.text, e.messageAdded.sender.nickname])).toEqual([
      ["one", "Alice"],
      ["two", "Alice"],
    ]);
  }
  const [bobOnline, carolOnline] = await Promise.all(subs.map((s) => s.online.waitFor(2)));
  expect(bobOnline?.map((e) => e.messageAdded.sender.online)).toEqual([true, true]);
  expect(carolOnline?.map((e) => e.messageAdded.sender.online)).toEqual([false, false]);
  const carolAgain = await subsReversed[0]?.online.waitFor(2);
  expect(carolAgain?.map((e) => e.messageAdded.sender.online)).toEqual([false, false]);
  for (const s of [...subs, ...subsReversed]) await s.ws.dispose();
  await aliceSocket.dispose();
});
