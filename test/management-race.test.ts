// A management action checks its actor's role and writes in one transaction, the memberships it
// reads locked: when the actor is demoted by a transaction that commits while the action waits,
// the action is refused and changes nothing. PostgreSQL only (PGlite has one connection).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DeleteMessageDocument,
  DissolveGroupDocument,
  RemoveGroupMemberDocument,
  SendMessageDocument,
  SetGroupAdminDocument,
  SetGroupMutedDocument,
  SetMemberMutedDocument,
  TransferGroupOwnershipDocument,
  UpdateGroupDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { onServices } from "./helpers/backend.ts";
import type { Result } from "./helpers/client.ts";
import { befriend, createGroup } from "./helpers/social.ts";

type Cast = { owner: TestUser; admin: TestUser; member: TestUser; chatId: string; messageId: string };

/** SQL that demotes someone, run in a transaction held open while the action is fired. */
const demoteAdmin = (c: Cast) =>
  `UPDATE chat_members SET role = 'MEMBER' WHERE chat_id = ${c.chatId} AND user_id = ${c.admin.id}`;
const transferAway = (c: Cast) =>
  `UPDATE chat_members SET role = CASE user_id WHEN ${c.owner.id} THEN 'ADMIN'::member_role ELSE 'OWNER' END
   WHERE chat_id = ${c.chatId} AND user_id IN (${c.owner.id}, ${c.member.id});
   UPDATE chats SET owner_id = ${c.member.id} WHERE id = ${c.chatId}`;

const cases: [string, (c: Cast) => string, (c: Cast) => Promise<Result<unknown>>][] = [
  [
    "updateGroup",
    demoteAdmin,
    (c) => c.admin.http.raw(UpdateGroupDocument, { chatId: c.chatId, input: { name: "x" } }),
  ],
  ["setGroupMuted", demoteAdmin, (c) => c.admin.http.raw(SetGroupMutedDocument, { chatId: c.chatId, muted: true })],
  [
    "setMemberMuted",
    demoteAdmin,
    (c) => c.admin.http.raw(SetMemberMutedDocument, { chatId: c.chatId, userId: c.member.id, muted: true }),
  ],
  [
    "removeGroupMember",
    demoteAdmin,
    (c) => c.admin.http.raw(RemoveGroupMemberDocument, { chatId: c.chatId, userId: c.member.id }),
  ],
  ["deleteMessage", demoteAdmin, (c) => c.admin.http.raw(DeleteMessageDocument, { id: c.messageId })],
  [
    "setGroupAdmin",
    transferAway,
    (c) => c.owner.http.raw(SetGroupAdminDocument, { chatId: c.chatId, userId: c.member.id, admin: true }),
  ],
  [
    "transferGroupOwnership",
    transferAway,
    (c) => c.owner.http.raw(TransferGroupOwnershipDocument, { chatId: c.chatId, userId: c.admin.id }),
  ],
  ["dissolveGroup", transferAway, (c) => c.owner.http.raw(DissolveGroupDocument, { chatId: c.chatId })],
];

describe.runIf(onServices)("a management action racing its actor's demotion", () => {
  let t: TestApp;
  let holder: pg.Client; // holds the demotion open
  let probe: pg.Client; // sees whether the action waits
  beforeAll(async () => {
    t = await startTestApp();
    const connectionString = t.app.services.config.databaseUrl;
    holder = new pg.Client({ connectionString });
    probe = new pg.Client({ connectionString });
    await Promise.all([holder.connect(), probe.connect()]);
  });
  afterAll(async () => {
    await Promise.allSettled([holder?.end(), probe?.end()]);
    await t?.close();
  });

  async function cast(): Promise<Cast> {
    const [owner, admin, member] = await Promise.all([t.signUp("owner"), t.signUp("admin"), t.signUp("member")]);
    for (const u of [admin, member]) await befriend(owner, u);
    const chatId = await createGroup(owner, [admin, member]);
    await owner.http.run(SetGroupAdminDocument, { chatId, userId: admin.id, admin: true });
    const { sendMessage } = await member.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "hi" } });
    return { owner, admin, member, chatId, messageId: sendMessage.id };
  }

  /** Everything of the group a management action may write, as `db` sees it. */
  const state = async (db: pg.Client, chatId: string) =>
    (
      await db.query(
        `SELECT (SELECT row_to_json(c) FROM chats c WHERE id = $1) AS chat,
                (SELECT json_agg(m ORDER BY user_id) FROM chat_members m WHERE chat_id = $1) AS members,
                (SELECT json_agg(m ORDER BY id) FROM messages m WHERE chat_id = $1) AS messages,
                (SELECT json_agg(r ORDER BY id) FROM join_requests r WHERE chat_id = $1) AS requests`,
        [chatId],
      )
    ).rows[0];

  /** Resolves once a query waits for a lock, or once `action` settles (then it did not wait). */
  async function waitsForLock(action: Promise<unknown>) {
    let settled = false;
    const done = () => {
      settled = true;
    };
    action.then(done, done);
    while (!settled) {
      const { rows } = await probe.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (rows[0].n > 0) return;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it.each(cases)("%s is refused when its actor lost the role while it waited", async (_name, demote, act) => {
    const c = await cast();
    await holder.query("BEGIN");
    try {
      await holder.query(demote(c));
      const demoted = await state(holder, c.chatId); // what the group should be at the end
      expect(await state(probe, c.chatId)).not.toEqual(demoted);
      const action = act(c);
      await waitsForLock(action);
      await holder.query("COMMIT");
      expect((await action).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(await state(probe, c.chatId)).toEqual(demoted);
    } finally {
      await holder.query("ROLLBACK"); // a no-op once committed
    }
  });
});
