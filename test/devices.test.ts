// Devices: MAC matching, the device chat, which device speaks, presence, multi-device sync.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  ChatListUpdatedDocument,
  DeviceChatDocument,
  DevicesDocument,
  HeartbeatDocument,
  MarkChatReadDocument,
  MessageAddedDocument,
  OpenDirectChatDocument,
  RecentChatsDocument,
  RegisterDeviceDocument,
  RemoveDeviceDocument,
  SendMessageDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle, sleep } from "./helpers/client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ DEVICE_CHAT_NAME: "Devices", DEVICE_CHAT_THUMB: "thumbs/devices.png", PRESENCE_TTL: "1" });
});
afterAll(() => t?.close());

const laptop = (macs: { name: string; address: string }[], hostname = "laptop") => ({
  input: { hostname, os: "linux", arch: "x86_64", macs },
});

async function register(u: TestUser, macs: { name: string; address: string }[], hostname?: string) {
  return (await u.http.run(RegisterDeviceDocument, laptop(macs, hostname))).registerDevice;
}

describe("registry", () => {
  it("finds a device by any of its MAC addresses, normalised, and adds new ones", async () => {
    const u = await t.signUp();
    const d1 = await register(u, [
      { name: "eth0", address: "AA-BB-CC-DD-EE-01" },
      { name: "wlan0", address: "aa:bb:cc:dd:ee:02" },
    ]);
    expect(d1.macs).toEqual([
      { name: "eth0", address: "aa:bb:cc:dd:ee:01" },
      { name: "wlan0", address: "aa:bb:cc:dd:ee:02" },
    ]);
    const again = await register(
      u,
      [
        { name: "wlan0", address: "AA:BB:CC:DD:EE:02" },
        { name: "eth1", address: "aabb.ccdd.ee03" },
      ],
      "renamed",
    );
    expect(again.id).toBe(d1.id);
    expect(again.hostname).toBe("renamed");
    expect(again.macs.map((m) => m.address)).toEqual(["aa:bb:cc:dd:ee:01", "aa:bb:cc:dd:ee:02", "aa:bb:cc:dd:ee:03"]);
    const other = await register(u, [{ name: "eth0", address: "aa:bb:cc:dd:ee:99" }]);
    expect(other.id).not.toBe(d1.id);
    const { devices } = await u.http.run(DevicesDocument);
    expect(devices.map((d) => d.id)).toEqual([other.id, d1.id]);
  });

  it("never matches another user's device", async () => {
    const [a, b] = await Promise.all([t.signUp(), t.signUp()]);
    const mac = [{ name: "eth0", address: "02:00:00:00:00:01" }];
    expect((await register(a, mac)).id).not.toBe((await register(b, mac)).id);
  });

  it("matches a browser's h5mac entry the same way", async () => {
    const u = await t.signUp();
    const first = await register(u, [{ name: "h5mac", address: "android:safari:720" }]);
    const second = await register(u, [{ name: "h5mac", address: "Android:Safari:720" }]);
    expect(second.id).toBe(first.id);
  });

  it("refuses bad input and registers nothing", async () => {
    const u = await t.signUp();
    for (const v of [
      laptop([]),
      laptop([{ name: "eth0", address: "not-a-mac" }]),
      laptop([{ name: "eth0", address: "aa:bb:cc:dd:ee" }]),
      laptop([{ name: "eth0", address: "aa:bb-cc:dd-ee:ff" }]),
      laptop([{ name: "eth0", address: "aa:bb:cc:dd:ee:ff" }], "h".repeat(256)),
    ])
      expect(await u.http.code(RegisterDeviceDocument, v)).toBe("BAD_USER_INPUT");
    expect((await u.http.run(DevicesDocument)).devices).toEqual([]);
  });

  it("closes a removed device's open socket with 4403, and only that device's", async () => {
    const u = await t.signUp();
    const d = await register(u, [{ name: "eth0", address: "02:00:00:00:00:bb" }]);
    const other = await register(u, [{ name: "eth0", address: "02:00:00:00:00:bc" }]);
    const connect = async (deviceId: string) => {
      const ws = new WebSocket(t.url.replace(/^http/, "ws"), "graphql-transport-ws");
      await new Promise((r) => ws.once("open", r));
      ws.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${u.token}`, deviceId } }));
      await new Promise((r) => ws.once("message", r));
      return ws;
    };
    const [ws, stays] = await Promise.all([connect(d.id), connect(other.id)]);
    const closed = new Promise<number>((r) => ws.once("close", (code) => r(code)));
    await u.http.run(RemoveDeviceDocument, { deviceId: d.id });
    expect(await closed).toBe(4403);
    await sleep(200);
    expect(stays.readyState).toBe(WebSocket.OPEN);
    stays.close();
  });

  it("removes a device (soft) and restores it when it registers again", async () => {
    const u = await t.signUp();
    const d = await register(u, [{ name: "eth0", address: "02:00:00:00:00:aa" }]);
    expect(await u.http.run(RemoveDeviceDocument, { deviceId: d.id })).toEqual({ removeDevice: true });
    expect((await u.http.run(DevicesDocument)).devices).toEqual([]);
    expect(await u.http.code(HeartbeatDocument, { deviceId: d.id })).toBe("NOT_FOUND");
    expect((await register(u, [{ name: "eth0", address: "02:00:00:00:00:AA" }])).id).toBe(d.id);
  });
});

describe("the device chat", () => {
  it("exists from sign-up, named by configuration, with the live devices as members", async () => {
    const u = await t.signUp();
    const { recentChats } = await u.http.run(RecentChatsDocument, {});
    const entry = recentChats.edges.find((e) => e.node.chat.type === "DEVICES");
    expect(entry?.node.title).toBe("Devices");
    const chatId = entry?.node.chat.id ?? "";
    const d1 = await register(u, [{ name: "eth0", address: "02:00:00:00:01:01" }]);
    const d2 = await register(u, [{ name: "eth0", address: "02:00:00:00:01:02" }]);
    const { chat } = await u.http.run(DeviceChatDocument, { id: chatId });
    expect(chat?.chat).toMatchObject({ type: "DEVICES", name: "Devices", thumbFileId: "thumbs/devices.png" });
    expect(chat?.chat.devices?.map((d) => d.id)).toEqual([d1.id, d2.id]);
    await u.http.run(RemoveDeviceDocument, { deviceId: d1.id });
    const after = await u.http.run(DeviceChatDocument, { id: chatId });
    expect(after.chat?.chat.devices?.map((d) => d.id)).toEqual([d2.id]);
  });

  it("carries the sending device, and reaches all the user's devices", async () => {
    const u = await t.signUp();
    const d1 = await register(u, [{ name: "eth0", address: "02:00:00:00:02:01" }]);
    const d2 = await register(u, [{ name: "eth0", address: "02:00:00:00:02:02" }]);
    const chatId = (await u.http.run(RecentChatsDocument, {})).recentChats.edges[0]?.node.chat.id ?? "";
    const on1 = new Recorder(t.ws(u, { deviceId: d1.id }), MessageAddedDocument, {});
    const on2 = new Recorder(t.ws(u, { deviceId: d2.id }), MessageAddedDocument, {});
    await settle();
    const from1 = u.http.with(u.token, { "x-device-id": d1.id });
    const { sendMessage } = await from1.run(SendMessageDocument, {
      input: { chatId, type: "TEXT", text: "note to self" },
    });
    expect(sendMessage.senderDeviceId).toBe(d1.id);
    for (const sub of [on1, on2]) expect((await sub.waitFor(1))[0]?.messageAdded.senderDeviceId).toBe(d1.id);
    on1.stop();
    on2.stop();
  });
});

describe("which device is speaking", () => {
  it("moves lastSeenAt when a device sends, and refuses a device as soon as it is removed", async () => {
    const u = await t.signUp();
    const d = await register(u, [{ name: "eth0", address: "02:00:00:00:03:09" }]);
    const before = Date.now();
    await sleep(20);
    const fromD = u.http.with(u.token, { "x-device-id": d.id });
    const chatId = (await u.http.run(RecentChatsDocument, {})).recentChats.edges[0]?.node.chat.id ?? "";
    await fromD.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "from the laptop" } });
    await sleep(100);
    const seen = (await u.http.run(DevicesDocument)).devices.find((x) => x.id === d.id)?.lastSeenAt;
    expect(new Date(seen ?? 0).getTime()).toBeGreaterThanOrEqual(before);
    await u.http.run(RemoveDeviceDocument, { deviceId: d.id });
    expect(await fromD.code(DevicesDocument)).toBe("FORBIDDEN");
  });

  it("refuses someone else's device id on HTTP and on graphql-ws", async () => {
    const [a, b] = await Promise.all([t.signUp(), t.signUp()]);
    const theirs = await register(b, [{ name: "eth0", address: "02:00:00:00:03:01" }]);
    expect(await a.http.with(a.token, { "x-device-id": theirs.id }).code(DevicesDocument)).toBe("FORBIDDEN");
    const sub = new Recorder(t.ws(a, { deviceId: theirs.id }), MessageAddedDocument, {});
    await settle();
    expect(sub.errors.map((e) => (e as { code?: number }).code)).toEqual([4403]);
  });
});

describe("presence", () => {
  it("is online while a socket is open, offline after it closes, with lastSeenAt", async () => {
    const u = await t.signUp();
    const d = await register(u, [{ name: "eth0", address: "02:00:00:00:04:01" }]);
    const online = async () => (await u.http.run(DevicesDocument)).devices[0];
    const socket = t.ws(u, { deviceId: d.id });
    const sub = new Recorder(socket, MessageAddedDocument, {});
    await settle();
    expect((await online())?.online).toBe(true);
    sub.stop();
    await socket.dispose();
    await settle();
    const after = await online();
    expect(after?.online).toBe(false);
    expect(new Date(after?.lastSeenAt ?? 0).getTime()).toBeGreaterThan(Date.now() - 5000);
  });

  it("is online for the TTL after a heartbeat", async () => {
    const u = await t.signUp();
    const d = await register(u, [{ name: "eth0", address: "02:00:00:00:05:01" }]);
    expect((await u.http.run(HeartbeatDocument, { deviceId: d.id })).heartbeat.online).toBe(true);
    await sleep(1300);
    expect((await u.http.run(DevicesDocument)).devices[0]?.online).toBe(false);
  });
});

describe("multi-device sync", () => {
  it("tells the user's other devices of a read, not the device that read", async () => {
    const [u, peer] = await Promise.all([t.signUp(), t.signUp()]);
    const d1 = await register(u, [{ name: "eth0", address: "02:00:00:00:06:01" }]);
    const d2 = await register(u, [{ name: "eth0", address: "02:00:00:00:06:02" }]);
    const chatId = (await peer.http.run(OpenDirectChatDocument, { userId: u.id })).openDirectChat.chat.id;
    await peer.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "unread" } });
    const list1 = new Recorder(t.ws(u, { deviceId: d1.id }), ChatListUpdatedDocument);
    const list2 = new Recorder(t.ws(u, { deviceId: d2.id }), ChatListUpdatedDocument);
    await settle();
    await u.http.with(u.token, { "x-device-id": d1.id }).run(MarkChatReadDocument, { chatId });
    const [seen] = await list2.waitFor(1);
    expect(seen?.chatListUpdated).toMatchObject({ chat: { id: chatId }, unreadCount: 0 });
    await settle();
    expect(list1.items).toHaveLength(0);
    list1.stop();
    list2.stop();
  });
});
