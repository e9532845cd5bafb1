// Thousands of malformed inputs to every mutation of the served schema (fast-check), generated
// from each argument's type: only coded errors, never INTERNAL_SERVER_ERROR, no stack or SQL in any
// response, and nothing written by a rejected call. A new mutation is fuzzed without being listed.
import fc from "fast-check";
import { type GraphQLField, getNamedType } from "graphql";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import WebSocket from "ws";
import { ERROR_CODES } from "../src/errors.ts";
import {
  CreateGroupDocument,
  OpenDirectChatDocument,
  RecentChatsDocument,
  RegisterDeviceDocument,
  RequestFriendDocument,
  RequestJoinGroupDocument,
  SendMessageDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { fingerprint as fingerprintTables } from "./helpers/fingerprint.ts";
import { operationFor, type Place, type Rules, refusedVariables } from "./helpers/fuzz-inputs.ts";
import { rootFields } from "./helpers/root-fields.ts";
import { befriend } from "./helpers/social.ts";

const RUNS = Number(process.env.XIM_FUZZ_RUNS ?? 100);
const CODES = new Set<string>(ERROR_CODES);
const LEAKS = /\bat \S+ \(|\.ts:\d+|prisma|\bSELECT\b|\bINSERT\b|\bUPDATE\b|pg_catalog|ECONN|TypeError|ReferenceError/i;

/** Mutations not fuzzed, and why. */
const SKIP: Record<string, string> = {
  signOutEverywhere: "takes no input, so nothing to malform; security.test.ts and transports.test.ts cover it",
  refreshToken: "takes no input, so nothing to malform; client-semantics.test.ts covers it",
  uploadFile:
    "its one argument is an Upload, which only a multipart request carries (JSON cannot); attachments.test.ts sends it malformed files",
};

// Rows of other users, which Mallory must be refused: what an id argument may name, by its name.
const foreign = { user: "", chat: "", group: "", message: "", device: "", request: "" };
type Foreign = keyof typeof foreign;
const FOREIGN_BY_NAME: Record<string, Foreign[]> = {
  user: ["user"],
  member: ["user"],
  chat: ["chat", "group"],
  device: ["device"],
  upTo: ["message"],
};
/** An argument named `id` names a row of the field's result type. */
const FOREIGN_BY_RESULT: Record<string, Foreign[]> = { Message: ["message"], JoinRequest: ["request"] };
/** Arguments that accept another user's row by design: those rows are not sent there. */
const ACCEPTS_FOREIGN: Record<string, { ids: Foreign[]; why: string }> = {
  "follow.userId": { ids: ["user"], why: "anyone may follow anyone" },
  "requestFriend.userId": { ids: ["user"], why: "anyone may ask anyone to be friends" },
  "openDirectChat.userId": { ids: ["user"], why: "anyone may open a direct chat with anyone" },
  "requestJoinGroup.chatId": { ids: ["group"], why: "anyone may ask to join a group" },
  "blockUser.userId": { ids: ["user"], why: "anyone may block anyone" },
  "unblockUser.userId": { ids: ["user"], why: "anyone may unblock whom they blocked (false for others)" },
};
/** A password may hold any character; only its length is checked. */
const ANY_TEXT = new Set([
  "signUp.password",
  "signIn.password",
  "changePassword.currentPassword",
  "changePassword.newPassword",
]);

function foreignFor({ path, name, field }: Place): Foreign[] {
  const named =
    name === "id" ? FOREIGN_BY_RESULT[getNamedType(field.type).name] : FOREIGN_BY_NAME[name.replace(/Ids?$/, "")];
  const accepted = ACCEPTS_FOREIGN[path]?.ids ?? [];
  return (named ?? []).filter((k) => !accepted.includes(k));
}

const rules: Rules = {
  id: (place) =>
    /fileId$/i.test(place.name) ? { foreign: [], opaque: true } : { foreign: foreignFor(place).map((k) => foreign[k]) },
  anyText: (place) => ANY_TEXT.has(place.path),
};

let t: TestApp;
let mallory: TestUser;

const fingerprint = () => fingerprintTables(t.app.services.prisma);

beforeAll(async () => {
  t = await startTestApp();
  const [victim, friend] = await Promise.all([t.signUp("Victim"), t.signUp("Friend")]);
  mallory = await t.signUp("Mallory");
  await befriend(victim, friend);
  const direct = (await victim.http.run(OpenDirectChatDocument, { userId: friend.id })).openDirectChat.chat.id;
  const { sendMessage } = await victim.http.run(SendMessageDocument, {
    input: { chatId: direct, type: "TEXT", text: "secret" },
  });
  const { createGroup } = await victim.http.run(CreateGroupDocument, { input: { name: "G", memberIds: [friend.id] } });
  const { registerDevice } = await victim.http.run(RegisterDeviceDocument, {
    input: { hostname: "h", os: "o", arch: "a", macs: [{ name: "eth0", address: "02:00:00:00:00:01" }] },
  });
  const third = await t.signUp("Third");
  const { requestFriend } = await third.http.run(RequestFriendDocument, { userId: victim.id });
  await third.http.run(RequestJoinGroupDocument, { chatId: createGroup.chat.id });
  Object.assign(foreign, {
    user: victim.id,
    chat: direct,
    group: createGroup.chat.id,
    message: sendMessage.id,
    device: registerDevice.id,
    request: requestFriend.id,
  });
}, 60_000);
afterAll(() => t?.close());
beforeEach(() => {
  t.loggedErrors.length = 0;
});

// A mutation without arguments has nothing to generate (and would stall the generator): the test
// below fails until it is in SKIP with its reason.
const mutations = rootFields("mutation").filter((f) => !(f.name in SKIP) && f.args.length > 0);

it("fuzzes every mutation but the ones skipped with a reason", () => {
  for (const name of Object.keys(SKIP)) expect(rootFields("mutation").map((f) => f.name)).toContain(name);
  // Without arguments there is nothing to malform: such a mutation goes to SKIP, with its reason.
  expect(
    rootFields("mutation")
      .filter((f) => !(f.name in SKIP) && f.args.length === 0)
      .map((f) => f.name),
  ).toEqual([]);
});

async function call(field: GraphQLField<unknown, unknown>, query: string, variables: Record<string, unknown>) {
  const res = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${mallory.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const body = JSON.parse(text) as {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: { code?: string } }[];
  };
  const codes = (body.errors ?? []).map((e) => e.extensions?.code);
  const nothingDone = body.data && Object.values(body.data).every((v) => v === false);
  const mutation = field.name;
  expect({ mutation, ok: (body.errors?.length ?? 0) > 0 || nothingDone }).toEqual({ mutation, ok: true });
  for (const code of codes)
    expect({ mutation, code }).toEqual({ mutation, code: CODES.has(code ?? "") ? code : "coded" });
  expect(LEAKS.test(text.slice(0, 20_000)) ? text.slice(0, 500) : "").toBe("");
}

it(`answers every mutation x ${RUNS} malformed inputs with coded errors only, and writes nothing`, {
  timeout: 600_000,
}, async () => {
  const before = await fingerprint();
  let sent = 0;
  for (const field of mutations) {
    const query = operationFor("mutation", field);
    await fc.assert(
      fc.asyncProperty(refusedVariables(field, rules), async (variables) => {
        sent++;
        await call(field, query, variables);
      }),
      { numRuns: RUNS, seed: 42 },
    );
  }
  expect(await fingerprint()).toBe(before);
  expect(t.loggedErrors).toEqual([]);
  expect(sent).toBeGreaterThanOrEqual(1000);
});

// --- numbers out of range inside cursors and headers -------------------------------------------
const number = fc.oneof(
  fc.constantFrom("2147483647", "2147483648", "4294967296", "99999999999999999999", "8640000000000001"),
  fc.constantFrom("-1", "0", "1e3", "0x10", "1.5", "NaN", "Infinity", " 1", "1\u0000", ""),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.nat().map(String),
);
const int4Edge = fc.constantFrom("2147483647", "2147483648", "4294967296", "9999999999");
const joined = (parts: string[]) => Buffer.from(parts.join(":")).toString("base64url");
const recentCursor = fc.oneof(
  fc.tuple(fc.constantFrom("0", "1"), fc.oneof(fc.nat().map(String), number), fc.oneof(int4Edge, number)).map(joined),
  fc.tuple(fc.constantFrom("0", "1", "2", "-1"), number, number).map(joined),
  fc.string({ maxLength: 30 }),
);

/** A coded answer: data, or errors that all carry a client code, and no leak in the body. */
function expectCoded(what: unknown, text: string) {
  const body = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  expect({ what, answered: body.data != null || (body.errors?.length ?? 0) > 0 }).toEqual({ what, answered: true });
  for (const e of body.errors ?? []) {
    const code = e.extensions?.code ?? "";
    expect({ what, code }).toEqual({ what, code: CODES.has(code) ? code : "coded" });
  }
  expect(LEAKS.test(text.slice(0, 20_000)) ? text.slice(0, 500) : "").toBe("");
}

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${mallory.token}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return res.text();
}

it("answers out-of-range numbers inside recentChats and messages cursors with coded errors only", {
  timeout: 120_000,
}, async () => {
  // Mallory's own device chat: a chat Mallory may read.
  const chatId = (await mallory.http.run(RecentChatsDocument, { first: 1 })).recentChats.edges[0]?.node.chat.id;
  await fc.assert(
    fc.asyncProperty(recentCursor, async (after) => {
      expectCoded(
        { recentChats: after },
        await post("query($a:String){recentChats(after:$a){edges{cursor}}}", { a: after }),
      );
    }),
    { numRuns: RUNS, seed: 42 },
  );
  const query = "query($c:ID!,$a:String,$b:String){messages(chatId:$c,after:$a,before:$b){edges{cursor}}}";
  await fc.assert(
    fc.asyncProperty(fc.constantFrom("a", "b"), number, async (which, value) => {
      expectCoded({ messages: which, value }, await post(query, { c: chatId, [which]: value }));
    }),
    { numRuns: RUNS, seed: 42 },
  );
  expect(t.loggedErrors).toEqual([]);
});

it("answers out-of-range X-Device-Id headers with coded errors only", { timeout: 120_000 }, async () => {
  const header = fc.oneof(number, fc.string({ maxLength: 20 })).filter((v) => /^[\x20-\x7e]*$/.test(v));
  await fc.assert(
    fc.asyncProperty(header, async (value) => {
      expectCoded({ "x-device-id": value }, await post("{ me { id } }", {}, { "x-device-id": value }));
    }),
    { numRuns: RUNS, seed: 42 },
  );
  expect(t.loggedErrors).toEqual([]);
});

/** What the server should answer for a deviceId as it arrives (after JSON: NaN is null). */
function expectedClose(deviceId: unknown): string {
  if (deviceId === null || deviceId === "") return "connection_ack";
  const n = typeof deviceId === "string" && /^[1-9]\d*$/.test(deviceId) ? Number(deviceId) : deviceId;
  return typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 2147483647 ? "4403" : "4400";
}

it("closes sockets with out-of-range connectionParams.deviceId with 4400 (malformed) or 4403 (not yours)", {
  timeout: 120_000,
}, async () => {
  const deviceId = fc.oneof(
    number,
    number.map(Number),
    fc.double(),
    fc.constantFrom(2 ** 31, 2 ** 53 + 2, -1, 0, true, null, {}, [1]),
  );
  await fc.assert(
    fc.asyncProperty(deviceId, async (value) => {
      const ws = new WebSocket(t.url.replace(/^http/, "ws"), "graphql-transport-ws");
      await new Promise((resolve) => ws.once("open", resolve));
      const outcome = new Promise<string>((resolve) => {
        ws.once("message", (m) => resolve(JSON.parse(String(m)).type));
        ws.once("close", (code) => resolve(String(code)));
      });
      ws.send(
        JSON.stringify({
          type: "connection_init",
          payload: { authorization: `Bearer ${mallory.token}`, deviceId: value },
        }),
      );
      const got = await outcome;
      ws.close();
      // No device: acknowledged. An id (Mallory has no devices): not yours, 4403. Anything else: 4400.
      expect({ deviceId: value, got }).toEqual({
        deviceId: value,
        got: expectedClose(JSON.parse(JSON.stringify(value))),
      });
    }),
    { numRuns: Math.min(RUNS, 50), seed: 42 },
  );
  expect(t.loggedErrors).toEqual([]);
});
