// Inputs outside their column's range (int4 ids inside cursors and headers, NUL bytes and lone
// surrogates in strings) are refused with BAD_USER_INPUT naming the field, before any query:
// nothing is written and the server logs no error.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  CreateGroupDocument,
  MessagesDocument,
  OpenDirectChatDocument,
  RecentChatsDocument,
  RegisterDeviceDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import type { GqlError } from "./helpers/client.ts";
import { fingerprint } from "./helpers/fingerprint.ts";
import { befriend } from "./helpers/social.ts";

let t: TestApp;
let alice: TestUser;
let stranger: TestUser;
let direct: string;
let group: string;
let device: string;

const cursor = (raw: string) => Buffer.from(raw).toString("base64url");

beforeAll(async () => {
  t = await startTestApp();
  const bob = await t.signUp("Bob");
  [alice, stranger] = await Promise.all([t.signUp("Alice"), t.signUp("Stranger")]);
  await befriend(alice, bob);
  direct = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
  group = (await alice.http.run(CreateGroupDocument, { input: { name: "G", memberIds: [bob.id] } })).createGroup.chat
    .id;
  const { registerDevice } = await alice.http.run(RegisterDeviceDocument, {
    input: { hostname: "h", os: "o", arch: "a", macs: [{ name: "eth0", address: "02:00:00:00:00:01" }] },
  });
  device = registerDevice.id;
}, 60_000);
afterAll(() => t?.close());
beforeEach(() => {
  t.loggedErrors.length = 0;
});

/** The one error of a refused call. */
function refusal(r: { data?: unknown; errors?: GqlError[] }) {
  expect(r.errors).toHaveLength(1);
  const e = r.errors?.[0];
  return { code: e?.extensions?.code, field: e?.extensions?.field };
}

describe("numbers out of range inside cursors", () => {
  it("refuses a recentChats cursor whose chat id overflows int4, and other malformed cursors", async () => {
    const good = await alice.http.run(RecentChatsDocument, { first: 1 });
    expect(good.recentChats.edges).toHaveLength(1);
    for (const raw of [
      "0:1:2147483648",
      "1:1:99999999999",
      "0:1:0",
      "0:1:-1",
      "2:1:1",
      "0:-1:1",
      "0:8640000000000001:1",
      "0:999999999999999:1",
      "0:1:1\u0000",
      "0:1e3:1",
    ]) {
      const r = await alice.http.raw(RecentChatsDocument, { first: 5, after: cursor(raw) });
      expect({ raw, ...refusal(r) }).toEqual({ raw, code: "BAD_USER_INPUT", field: "after" });
    }
    expect(t.loggedErrors).toEqual([]);
  });

  it("accepts any cursor the server itself hands out", async () => {
    const page = await alice.http.run(RecentChatsDocument, { first: 1 });
    const after = page.recentChats.pageInfo.endCursor;
    const next = await alice.http.run(RecentChatsDocument, { first: 5, after });
    expect(next.recentChats.edges.length).toBeGreaterThan(0);
  });

  it("refuses messages after/before cursors out of int4 range", async () => {
    for (const field of ["after", "before"] as const)
      for (const value of ["2147483648", "-1", "1e3", "0x10", "99999999999999999999", "1\u0000"]) {
        const r = await alice.http.raw(MessagesDocument, { chatId: direct, [field]: value });
        expect({ value, ...refusal(r) }).toEqual({ value, code: "BAD_USER_INPUT", field });
      }
    expect(t.loggedErrors).toEqual([]);
  });

  it("refuses page sizes below 1 or above 100", async () => {
    for (const first of [0, -1, 101, 2147483647]) {
      const r = await alice.http.raw(RecentChatsDocument, { first });
      expect({ first, ...refusal(r) }).toEqual({ first, code: "BAD_USER_INPUT", field: "first" });
    }
    for (const last of [0, -5]) {
      const r = await alice.http.raw(MessagesDocument, { chatId: direct, last });
      expect({ last, ...refusal(r) }).toEqual({ last, code: "BAD_USER_INPUT", field: "last" });
    }
  });
});

describe("device ids out of range in headers and connection params", () => {
  const BAD = ["2147483648", "-1", "1e3", "0x10", "99999999999999999999", "0", "1.0", "1 2"];

  it("refuses X-Device-Id values that are not an int4 id", async () => {
    for (const value of BAD) {
      const r = await alice.http.with(alice.token, { "x-device-id": value }).raw("{ me { id } }");
      expect({ value, ...refusal(r) }).toEqual({ value, code: "BAD_USER_INPUT", field: "deviceId" });
    }
    const ok = await alice.http.with(alice.token, { "x-device-id": device }).raw("{ me { id } }");
    expect(ok.errors).toBeUndefined();
    expect(t.loggedErrors).toEqual([]);
  });

  it("closes a socket whose connectionParams.deviceId is not an int4 id with 4400 naming the field", async () => {
    const values: unknown[] = [...BAD, 2147483648, -1, 0, 1.5, 2 ** 53 + 2, true, {}, []];
    for (const deviceId of values) {
      const ws = new WebSocket(t.url.replace(/^http/, "ws"), "graphql-transport-ws");
      await new Promise((r) => ws.once("open", r));
      const closed = new Promise<[number, string]>((r) => ws.once("close", (code, why) => r([code, String(why)])));
      ws.send(
        JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${alice.token}`, deviceId } }),
      );
      expect({ deviceId, closed: await closed }).toEqual({ deviceId, closed: [4400, "deviceId: not a valid id"] });
    }
    expect(t.loggedErrors).toEqual([]);
  });
});

describe("NUL bytes and lone surrogates in strings", () => {
  type Case = { field: string; query: string; vars: (s: string) => Record<string, unknown>; as?: () => TestUser };
  const macs = [{ name: "eth0", address: "02:00:00:00:00:09" }];
  const device = (over: Record<string, unknown>) => ({ i: { hostname: "h", os: "o", arch: "a", macs, ...over } });
  const send = (over: Record<string, unknown>) => ({ i: { chatId: direct, type: "TEXT", text: "hi", ...over } });
  const CASES: Case[] = [
    {
      field: "nickname",
      query: 'mutation($s:String!){signUp(username:"nuluser",password:"correct horse",nickname:$s){token}}',
      vars: (s) => ({ s }),
    },
    { field: "nickname", query: "mutation($s:String){updateProfile(nickname:$s){id}}", vars: (s) => ({ s }) },
    { field: "avatarFileId", query: "mutation($s:ID){updateProfile(avatarFileId:$s){id}}", vars: (s) => ({ s }) },
    ...["hostname", "os", "arch"].map((f) => ({
      field: f,
      query: "mutation($i:RegisterDeviceInput!){registerDevice(input:$i){id}}",
      vars: (s: string) => device({ [f]: s }),
    })),
    {
      field: "macs.0.name",
      query: "mutation($i:RegisterDeviceInput!){registerDevice(input:$i){id}}",
      vars: (s) => device({ macs: [{ name: s, address: "02:00:00:00:00:09" }] }),
    },
    {
      field: "macs.0.address",
      query: "mutation($i:RegisterDeviceInput!){registerDevice(input:$i){id}}",
      vars: (s) => device({ macs: [{ name: "h5mac", address: s }] }),
    },
    ...(
      [
        ["text", (s: string) => ({ text: s })],
        ["clientMessageId", (s: string) => ({ clientMessageId: s })],
        ["fileId", (s: string) => ({ type: "IMAGE", fileId: s })],
        [
          "location.address",
          (s: string) => ({ type: "LOCATION", location: { latitude: 1, longitude: 1, address: s } }),
        ],
      ] as const
    ).map(([field, over]) => ({
      field,
      query: "mutation($i:SendMessageInput!){sendMessage(input:$i){id}}",
      vars: (s: string) => send(over(s)),
    })),
    ...["name", "announcement", "thumbFileId"].map((f) => ({
      field: f,
      query: "mutation($i:CreateGroupInput!){createGroup(input:$i){title}}",
      vars: (s: string) => ({ i: { name: "g", memberIds: [], [f]: s } }),
    })),
    ...["name", "announcement", "thumbFileId"].map((f) => ({
      field: f,
      query: "mutation($c:ID!,$i:UpdateGroupInput!){updateGroup(chatId:$c,input:$i){id}}",
      vars: (s: string) => ({ c: group, i: { [f]: s } }),
    })),
    ...["remark", "nickname"].map((f) => ({
      field: f,
      query: "mutation($c:ID!,$i:ChatSettingsInput!){updateChatSettings(chatId:$c,input:$i){title}}",
      vars: (s: string) => ({ c: group, i: { [f]: s } }),
    })),
    {
      field: "remark",
      query: "mutation($u:ID!,$s:String!){setFriendRemark(userId:$u,remark:$s){remark}}",
      vars: (s) => ({ u: stranger.id, s }),
    },
    {
      field: "message",
      query: "mutation($u:ID!,$s:String){requestFriend(userId:$u,message:$s){id}}",
      vars: (s) => ({ u: alice.id, s }),
      as: () => stranger,
    },
    {
      field: "message",
      query: "mutation($c:ID!,$s:String){requestJoinGroup(chatId:$c,message:$s){id}}",
      vars: (s) => ({ c: group, s }),
      as: () => stranger,
    },
    ...["chatId", "userId"].map((f) => ({
      field: f,
      query: "mutation($c:ID!,$u:ID!){removeGroupMember(chatId:$c,userId:$u)}",
      vars: (s: string) => ({ c: group, u: stranger.id, [f === "chatId" ? "c" : "u"]: s }),
    })),
  ];

  it(`refuses them in every stored string (${CASES.length} arguments) and writes nothing`, async () => {
    const before = await fingerprint(t.app.services.prisma);
    for (const c of CASES)
      for (const bad of ["a\u0000b", "\u0000", "a\uD800b", "\uDC00"]) {
        const http = c.query.includes("signUp") ? t.anon : (c.as?.() ?? alice).http;
        const r = await http.raw(c.query, c.vars(bad));
        expect({ query: c.query, bad, ...refusal(r) }).toEqual({
          query: c.query,
          bad,
          code: "BAD_USER_INPUT",
          field: c.field,
        });
      }
    expect(await fingerprint(t.app.services.prisma)).toBe(before);
    expect(t.loggedErrors).toEqual([]);
  });

  it("refuses an infinite latitude written as a Float literal", async () => {
    const r = await alice.http.raw(
      `mutation { sendMessage(input: { chatId: "${direct}", type: LOCATION, location: { latitude: 1e999, longitude: 1 } }) { id } }`,
    );
    expect(refusal(r)).toEqual({ code: "BAD_USER_INPUT", field: "location.latitude" });
  });
});
