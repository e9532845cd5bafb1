// Queries and mutations whose document has come a few times run compiled (src/http/compiled.ts):
// their answers, errors included, must be the ones graphql-js gives the first times.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";

let t: TestApp;
let alice: TestUser;
let chatId: string;
beforeAll(async () => {
  t = await startTestApp();
  alice = await t.signUp("Alice");
  const bob = await t.signUp("Bob");
  const opened = await post(
    { query: "mutation($u: ID!) { openDirectChat(userId: $u) { id } }", variables: { u: bob.id } },
    alice,
  );
  chatId = (opened.data as { openDirectChat: { id: string } }).openDirectChat.id;
});
afterAll(() => t?.close());

type Answer = { data?: unknown; errors?: unknown[] };

async function post(body: unknown, user: TestUser): Promise<Answer> {
  const res = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${user.token}` },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Answer;
}

/** The answers to `body` sent eight times: the first ones executed by graphql-js, the later compiled. */
async function eightTimes(body: (i: number) => unknown): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < 8; i++) out.push(JSON.stringify(await post(body(i), alice)));
  return out;
}

it("answers an error of a resolver the same, with its locations, once compiled", async () => {
  const query = 'mutation($c: ID!) {\n  sendMessage(input: { chatId: $c, type: TEXT, text: "" }) { id }\n}';
  const answers = await eightTimes(() => ({ query, variables: { c: chatId } }));
  expect(new Set(answers).size).toBe(1);
  expect(JSON.parse(answers[0] as string)).toEqual({
    errors: [
      {
        message: expect.any(String),
        locations: [{ line: 2, column: 3 }],
        path: ["sendMessage"],
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }),
      },
    ],
    data: null,
  });
});

it("answers a variable that does not coerce the same, with its locations, once compiled", async () => {
  const query = "mutation($m: ID!, $e: String!) { addReaction(messageId: $m, emoji: $e) { id } }";
  const answers = await eightTimes(() => ({ query, variables: { m: null, e: "👍" } }));
  expect(new Set(answers).size).toBe(1);
  const [error] = (JSON.parse(answers[0] as string) as Answer).errors as { locations: unknown; extensions: unknown }[];
  expect(error?.locations).toEqual([{ line: 1, column: 10 }]);
  expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
});

it("runs the operation asked for in a document of several, however often it comes", async () => {
  const query = "query A { me { id } } query B { me { username } }";
  const answers = await eightTimes((i) => ({ query, operationName: i % 2 ? "B" : "A" }));
  for (const [i, answer] of answers.entries())
    expect(JSON.parse(answer)).toEqual({ data: { me: i % 2 ? { username: alice.username } : { id: alice.id } } });
});

it("answers data the same once compiled", async () => {
  const query = "query($c: ID!) { chat(id: $c) { chat { id type } unreadCount } me { id username } }";
  const answers = await eightTimes(() => ({ query, variables: { c: chatId } }));
  expect(new Set(answers).size).toBe(1);
  expect(JSON.parse(answers[0] as string)).toEqual({
    data: {
      chat: { chat: { id: chatId, type: "DIRECT" }, unreadCount: 0 },
      me: { id: alice.id, username: alice.username },
    },
  });
});
