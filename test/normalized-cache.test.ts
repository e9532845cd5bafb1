// A normalized client cache (urql Graphcache) kept current by the list subscriptions alone:
// chatListUpdated rewrites the cached item with the same id, chatListRemoved evicts it through an
// updater keyed by that id, and no query goes to the server again.
import { Client, fetchExchange, subscriptionExchange } from "@urql/core";
import { cacheExchange } from "@urql/exchange-graphcache";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  CachedChatListUpdatedDocument,
  CachedRecentChatsDocument,
  type CachedRecentChatsQuery,
  ChatListRemovedDocument,
  RemoveGroupMemberDocument,
  SendMessageDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { settle, sleep } from "./helpers/client.ts";
import { befriend, createGroup } from "./helpers/social.ts";

let t: TestApp;
let me: TestUser;
let owner: TestUser;
let other: TestUser;
let groupId: string;

beforeAll(async () => {
  t = await startTestApp();
  [me, owner, other] = [await t.signUp("Me"), await t.signUp("Owner"), await t.signUp("Other")];
  await befriend(owner, me);
  await befriend(owner, other);
  groupId = await createGroup(owner, [me, other], "Cached");
}, 60_000);
afterAll(() => t?.close());

/** The urql client a frontend would build: list items keyed by id, and the chatListRemoved updater. */
function cachedClient(user: TestUser, onFetch: () => void) {
  const ws = t.ws(user);
  const cache = cacheExchange({
    keys: { ChatListConnection: () => null, ChatListEdge: () => null },
    updates: {
      Subscription: {
        chatListRemoved: (result, _args, c) => {
          const id = result.chatListRemoved as string;
          for (const field of c.inspectFields("Query").filter((f) => f.fieldName === "recentChats")) {
            const connection = c.resolve("Query", field.fieldKey) as string | null;
            if (!connection) continue;
            const edges = (c.resolve(connection, "edges") as string[] | null) ?? [];
            c.link(
              connection,
              "edges",
              edges.filter((edge) => c.resolve(c.resolve(edge, "node") as string, "id") !== id),
            );
          }
          c.invalidate({ __typename: "ChatListItem", id });
        },
      },
    },
  });
  return new Client({
    url: t.url,
    fetch: (input, init) => {
      onFetch();
      return fetch(input, init);
    },
    fetchOptions: { headers: { authorization: `Bearer ${user.token}` } },
    exchanges: [
      cache,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? "" }, sink) }),
        }),
      }),
    ],
  });
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await sleep(50);
  }
}

it("keeps the cached recent list current from chatListUpdated and chatListRemoved, without refetching", async () => {
  let fetches = 0;
  const client = cachedClient(me, () => fetches++);
  const list = CachedRecentChatsDocument.toString();
  const first = await client.query<CachedRecentChatsQuery>(list, {}, { requestPolicy: "network-only" }).toPromise();
  const item = (d: CachedRecentChatsQuery | undefined) => d?.recentChats.edges.find((e) => e.node.id === groupId)?.node;
  expect(first.error).toBeUndefined();
  expect(item(first.data)?.unreadCount).toBe(0);
  const others = first.data?.recentChats.edges.filter((e) => e.node.id !== groupId).map((e) => e.node.id);
  expect(others).toHaveLength(1); // the device chat
  expect(fetches).toBe(1);

  const subs = [
    client.subscription(CachedChatListUpdatedDocument.toString(), {}).subscribe(() => {}),
    client.subscription(ChatListRemovedDocument.toString(), {}).subscribe(() => {}),
  ];
  await settle();

  const cached = async () =>
    (await client.query<CachedRecentChatsQuery>(list, {}, { requestPolicy: "cache-only" }).toPromise()).data;
  await other.http.run(SendMessageDocument, { input: { chatId: groupId, type: "TEXT", text: "fresh news" } });
  const updated = await until(cached, (d) => item(d)?.unreadCount === 1);
  expect(item(updated)).toMatchObject({ unreadCount: 1, lastMessage: { text: "fresh news" } });

  await owner.http.run(RemoveGroupMemberDocument, { chatId: groupId, userId: me.id });
  const removed = await until(cached, (d) => item(d) === undefined);
  expect(removed?.recentChats.edges.map((e) => e.node.id)).toEqual(others);
  expect(fetches).toBe(1);
  for (const s of subs) s.unsubscribe();
});
