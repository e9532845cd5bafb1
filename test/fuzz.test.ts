// Thousands of malformed inputs to every mutation (fast-check): only coded errors, never
// INTERNAL_SERVER_ERROR, no stack or SQL in any response, and nothing written by a rejected call.
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import WebSocket from "ws";
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
import { befriend } from "./helpers/social.ts";

const RUNS = Number(process.env.XIM_FUZZ_RUNS ?? 100);
const CODES = new Set(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT", "CONFLICT", "RATE_LIMITED"]);
const LEAKS = /\bat \S+ \(|\.ts:\d+|prisma|\bSELECT\b|\bINSERT\b|\bUPDATE\b|pg_catalog|ECONN|TypeError|ReferenceError/i;

let t: TestApp;
let mallory: TestUser;
const foreign: Record<"user" | "chat" | "group" | "message" | "device" | "request", string> = {
  user: "",
  chat: "",
  group: "",
  message: "",
  device: "",
  request: "",
};

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

// --- values no mutation may accept -----------------------------------------------------------
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant(2 ** 53 + 1),
  fc.constant(-1e308),
);
const badType = fc.oneof(wrongType, fc.constant(null));
const controlString = fc
  .tuple(
    fc.string({ maxLength: 10 }),
    fc.constantFrom("\u0000", "\u0007", "\u001b", "\u007f"),
    fc.string({ maxLength: 10 }),
  )
  .map(([a, c, b]) => `${a}${c}${b}`);
const surrogate = fc.constantFrom("\uD800", "a\uDC00b", "\uDBFFx");
const huge = fc.integer({ min: 70_000, max: 200_000 }).map((n) => "x".repeat(n));
const badString = fc.oneof(controlString, surrogate, huge, fc.constant(""), fc.constant("   "));
const malformedId = fc.oneof(
  fc.constantFrom("", "0", "-1", "1.5", "0x10", "abc", "1e3", " 1", "99999999999999999999999", "2147483648"),
  fc.string({ maxLength: 12 }).filter((s) => !/^[1-9]\d*$/.test(s)),
  badType,
);
const unknownId = fc.integer({ min: 1_000_000, max: 2_000_000_000 }).map(String);
const foreignId = (kind: keyof typeof foreign) => fc.constant(null).map(() => foreign[kind]);
const noId = fc.oneof(malformedId, unknownId);
const anyString = fc.oneof(badString, fc.string({ maxLength: 20 }), badType);
const anyBool = fc.oneof(fc.boolean(), badType);

type Case = { name: string; query: string; vars: fc.Arbitrary<Record<string, unknown>>; anon?: boolean };
const r = fc.record;
const CASES: Case[] = [
  {
    name: "signUp",
    anon: true,
    query: "mutation($u:String!,$p:String!,$n:String!){signUp(username:$u,password:$p,nickname:$n){token}}",
    vars: r({ u: fc.oneof(badString, badType, fc.constant("a")), p: anyString, n: anyString }),
  },
  {
    name: "signIn",
    anon: true,
    query: "mutation($u:String!,$p:String!){signIn(username:$u,password:$p){token}}",
    vars: r({ u: anyString, p: anyString }),
  },
  {
    name: "updateProfile",
    query: "mutation($n:String,$a:ID){updateProfile(nickname:$n,avatarFileId:$a){id}}",
    vars: r({ n: fc.oneof(badString, wrongType), a: fc.oneof(badString, badType, fc.constant("bad id!")) }),
  },
  {
    name: "registerDevice",
    query: "mutation($i:RegisterDeviceInput!){registerDevice(input:$i){id}}",
    vars: r({
      i: r({
        hostname: anyString,
        os: anyString,
        arch: anyString,
        macs: fc.oneof(
          fc.constant([]),
          fc.array(r({ name: anyString, address: fc.oneof(badString, fc.constant("zz:zz:zz:zz:zz:zz"), badType) }), {
            minLength: 1,
            maxLength: 20,
          }),
          badType,
        ),
      }),
    }),
  },
  {
    name: "heartbeat",
    query: "mutation($d:ID!){heartbeat(deviceId:$d){id}}",
    vars: r({ d: fc.oneof(noId, foreignId("device")) }),
  },
  {
    name: "removeDevice",
    query: "mutation($d:ID!){removeDevice(deviceId:$d)}",
    vars: r({ d: fc.oneof(noId, foreignId("device")) }),
  },
  {
    name: "sendMessage",
    query: "mutation($i:SendMessageInput!){sendMessage(input:$i){id}}",
    vars: r({
      i: r({
        chatId: fc.oneof(noId, foreignId("chat"), foreignId("group")),
        type: fc.oneof(fc.constantFrom("TEXT", "IMAGE", "LOCATION", "BOGUS"), badType),
        text: anyString,
        fileId: anyString,
        location: fc.oneof(
          badType,
          r({ latitude: fc.oneof(fc.double(), badType), longitude: fc.oneof(fc.double(), badType) }),
        ),
        clientMessageId: anyString,
      }),
    }),
  },
  {
    name: "markChatRead",
    query: "mutation($c:ID!,$u:ID){markChatRead(chatId:$c,upTo:$u){unreadCount}}",
    vars: r({ c: fc.oneof(noId, foreignId("chat")), u: fc.oneof(noId, foreignId("message")) }),
  },
  {
    name: "deleteMessage",
    query: "mutation($id:ID!){deleteMessage(id:$id){id}}",
    vars: r({ id: fc.oneof(noId, foreignId("message")) }),
  },
  { name: "openDirectChat", query: "mutation($u:ID!){openDirectChat(userId:$u){title}}", vars: r({ u: noId }) },
  {
    name: "createGroup",
    query: "mutation($i:CreateGroupInput!){createGroup(input:$i){title}}",
    vars: r({
      i: r({
        name: anyString,
        memberIds: fc.oneof(fc.array(fc.oneof(noId, foreignId("user")), { minLength: 1, maxLength: 5 }), badType),
        announcement: anyString,
        thumbFileId: anyString,
      }),
    }),
  },
  ...["updateGroup", "setGroupMuted", "leaveGroup", "dissolveGroup", "hideChat"].map((name) => ({
    name,
    query: {
      updateGroup: "mutation($c:ID!,$n:String){updateGroup(chatId:$c,input:{name:$n}){id}}",
      setGroupMuted: "mutation($c:ID!,$b:Boolean!){setGroupMuted(chatId:$c,muted:$b){id}}",
      leaveGroup: "mutation($c:ID!){leaveGroup(chatId:$c)}",
      dissolveGroup: "mutation($c:ID!){dissolveGroup(chatId:$c)}",
      hideChat: "mutation($c:ID!){hideChat(chatId:$c)}",
    }[name] as string,
    vars: r({ c: fc.oneof(noId, foreignId("group"), foreignId("chat")), n: anyString, b: anyBool }),
  })),
  ...["setMemberMuted", "setGroupAdmin", "removeGroupMember", "transferGroupOwnership"].map((name) => ({
    name,
    query: {
      setMemberMuted: "mutation($c:ID!,$u:ID!,$b:Boolean!){setMemberMuted(chatId:$c,userId:$u,muted:$b){muted}}",
      setGroupAdmin: "mutation($c:ID!,$u:ID!,$b:Boolean!){setGroupAdmin(chatId:$c,userId:$u,admin:$b){isAdmin}}",
      removeGroupMember: "mutation($c:ID!,$u:ID!){removeGroupMember(chatId:$c,userId:$u)}",
      transferGroupOwnership: "mutation($c:ID!,$u:ID!){transferGroupOwnership(chatId:$c,userId:$u){id}}",
    }[name] as string,
    vars: r({ c: fc.oneof(noId, foreignId("group")), u: fc.oneof(noId, foreignId("user")), b: anyBool }),
  })),
  {
    name: "updateChatSettings",
    query: "mutation($c:ID!,$i:ChatSettingsInput!){updateChatSettings(chatId:$c,input:$i){title}}",
    vars: r({
      c: fc.oneof(noId, foreignId("chat"), foreignId("group")),
      i: r({ pinned: anyBool, remark: anyString, nickname: anyString }),
    }),
  },
  {
    name: "requestFriend",
    query: "mutation($u:ID!,$m:String){requestFriend(userId:$u,message:$m){id}}",
    vars: r({ u: noId, m: anyString }),
  },
  {
    name: "requestJoinGroup",
    query: "mutation($c:ID!,$m:String){requestJoinGroup(chatId:$c,message:$m){id}}",
    vars: r({ c: fc.oneof(noId, foreignId("chat")), m: anyString }),
  },
  {
    name: "inviteToGroup",
    query: "mutation($c:ID!,$u:[ID!]!){inviteToGroup(chatId:$c,userIds:$u){id}}",
    vars: r({
      c: fc.oneof(noId, foreignId("group")),
      u: fc.oneof(fc.array(fc.oneof(noId, foreignId("user")), { maxLength: 5 }), badType),
    }),
  },
  {
    name: "reviewJoinRequest",
    query: "mutation($id:ID!,$d:JoinDecision!){reviewJoinRequest(id:$id,decision:$d){id}}",
    vars: r({
      id: fc.oneof(noId, foreignId("request")),
      d: fc.oneof(fc.constantFrom("APPROVE", "REJECT", "IGNORE", "MAYBE"), badType),
    }),
  },
  {
    name: "removeFriend",
    query: "mutation($u:ID!){removeFriend(userId:$u)}",
    vars: r({ u: fc.oneof(noId, foreignId("user")) }),
  },
  {
    name: "setFriendRemark",
    query: "mutation($u:ID!,$r:String!){setFriendRemark(userId:$u,remark:$r){remark}}",
    vars: r({ u: fc.oneof(noId, foreignId("user")), r: anyString }),
  },
  { name: "follow", query: "mutation($u:ID!){follow(userId:$u){type}}", vars: r({ u: noId }) },
  {
    name: "unfollow",
    query: "mutation($u:ID!){unfollow(userId:$u)}",
    vars: r({ u: fc.oneof(noId, foreignId("user")) }),
  },
];

it(`answers ${CASES.length} mutations x ${RUNS} malformed inputs with coded errors only, and writes nothing`, {
  timeout: 600_000,
}, async () => {
  const before = await fingerprint();
  let sent = 0;
  for (const c of CASES) {
    const http = c.anon ? t.anon : mallory.http;
    await fc.assert(
      fc.asyncProperty(c.vars, async (vars) => {
        sent++;
        const res = await fetch(http.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(c.anon ? {} : { authorization: `Bearer ${mallory.token}` }),
          },
          body: JSON.stringify({ query: c.query, variables: vars }),
        });
        const text = await res.text();
        const body = JSON.parse(text) as {
          data?: Record<string, unknown> | null;
          errors?: { extensions?: { code?: string } }[];
        };
        const codes = (body.errors ?? []).map((e) => e.extensions?.code);
        const nothingDone = body.data && Object.values(body.data).every((v) => v === false);
        expect({ mutation: c.name, ok: (body.errors?.length ?? 0) > 0 || nothingDone }).toEqual({
          mutation: c.name,
          ok: true,
        });
        for (const code of codes)
          expect({ mutation: c.name, code }).toEqual({
            mutation: c.name,
            code: CODES.has(code ?? "") ? code : "coded",
          });
        expect(LEAKS.test(text.slice(0, 20_000)) ? text.slice(0, 500) : "").toBe("");
      }),
      { numRuns: c.name === "signIn" ? Math.min(RUNS, 30) : RUNS, seed: 42 },
    );
  }
  expect(await fingerprint()).toBe(before);
  expect(t.loggedErrors).toEqual([]);
  console.info(`fuzz: ${sent} malformed inputs over ${CASES.length} mutations`);
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
