// Who in a chat may do what: who manages a group, who may act on whom, who may speak and invite.
// Each rule is defined here once. The send statements' SQL guard is rendered from the speak rule
// (`speakGuard`); test/speak-rule.test.ts checks the two agree in every state.
import { forbidden } from "../errors.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { MemberRole } from "../generated/prisma/enums.ts";

/** A membership as the rules see it: the member's row and their chat's. */
export type Membership = {
  role: string;
  muted: boolean;
  chat: { type: string; muted: boolean; isDeleted: boolean };
};

/** The roles that manage a group: its settings, mute, members and join requests. */
export const MANAGERS = ["OWNER", "ADMIN"] as const satisfies readonly MemberRole[];

export function isManager(m: { role: string }): boolean {
  return (MANAGERS as readonly string[]).includes(m.role);
}

/** Why the member may not manage the group (`owner`: only the owner may), or null when they may. */
export function manageRefusal(m: { role: string }, need: "manager" | "owner"): string | null {
  if (!isManager(m)) return "only the owner or an admin may do this";
  if (need === "owner" && m.role !== "OWNER") return "only the owner may do this";
  return null;
}

/** The owner acts on anyone; an admin only on plain members; a plain member on nobody. */
export function mayActOn(actor: MemberRole, target: MemberRole): boolean {
  return actor === "OWNER" || (actor === "ADMIN" && target === "MEMBER");
}

/** Table aliases for the SQL form of a rule: the chat row and the member row. */
export type Aliases = { chat: string; member: string };

/** What the speak rule is made of: each fact read from a membership and from its columns. */
type Fact = { of: "chat" | "member"; holds(m: Membership): boolean; sql(a: Aliases): string };

const FACTS = {
  dissolved: { of: "chat", holds: (m) => m.chat.isDeleted, sql: (a) => `${a.chat}.is_deleted` },
  group: { of: "chat", holds: (m) => m.chat.type === "GROUP", sql: (a) => `${a.chat}.type = 'GROUP'` },
  groupMuted: { of: "chat", holds: (m) => m.chat.muted, sql: (a) => `${a.chat}.muted` },
  memberMuted: { of: "member", holds: (m) => m.muted, sql: (a) => `${a.member}.muted` },
  manager: {
    of: "member",
    holds: isManager,
    sql: (a) => `${a.member}.role IN (${MANAGERS.map((r) => `'${r}'`).join(", ")})`,
  },
} satisfies Record<string, Fact>;

type Refusal = { why: string; when: Partial<Record<keyof typeof FACTS, boolean>> };

/**
 * The speak rule: a member may speak unless the facts of a refusal are all as given; the first such
 * refusal says why. Speaking is anything other members see: messages, invitations, a group
 * nickname. A member who may not speak still reads and marks read. (Membership is checked before.)
 */
const SPEAK_REFUSALS: Refusal[] = [
  { why: "the group was dissolved", when: { dissolved: true } },
  { why: "you are muted in this group", when: { group: true, memberMuted: true } },
  {
    why: "the group is muted: only the owner and admins may speak",
    when: { group: true, groupMuted: true, manager: false },
  },
];

type Fixed = { why: string; facts: [keyof typeof FACTS, boolean][] };
const REFUSALS: Fixed[] = SPEAK_REFUSALS.map((r) => ({ why: r.why, facts: Object.entries(r.when) as Fixed["facts"] }));

/** Why the member may not speak, or null when they may. */
export function speakRefusal(m: Membership): string | null {
  return REFUSALS.find((r) => r.facts.every(([fact, value]) => FACTS[fact].holds(m) === value))?.why ?? null;
}

export function assertMaySpeak(m: Membership): void {
  const why = speakRefusal(m);
  if (why) throw forbidden(why);
}

/**
 * The speak rule as SQL for the given aliases, in two parts: `chat`, the refusals that depend on
 * the chat row alone (for the statement's WHERE on the chat), and `member`, the others (for the
 * lookup of the sender's membership). Being a member is the lookup's own condition.
 */
export function speakGuard(a: Aliases): { chat: Prisma.Sql; member: Prisma.Sql } {
  const fact = ([name, value]: [keyof typeof FACTS, boolean]) =>
    value ? FACTS[name].sql(a) : `NOT (${FACTS[name].sql(a)})`;
  const render = (rs: Fixed[]) =>
    Prisma.raw(rs.map((r) => `NOT (${r.facts.map(fact).join(" AND ")})`).join(" AND ") || "TRUE");
  const onChat = (r: Fixed) => r.facts.every(([name]) => FACTS[name].of === "chat");
  return { chat: render(REFUSALS.filter(onChat)), member: render(REFUSALS.filter((r) => !onChat(r))) };
}

/** May this membership mention everyone (@all)? The owner and admins of a group. */
export function mayMentionAll(m: Membership): boolean {
  return m.chat.type === "GROUP" && isManager(m);
}

/** May this membership invite? The owner and admins always; other members while they may speak. */
export function mayInvite(m: Membership | null): boolean {
  if (!m || m.chat.isDeleted) return false;
  return isManager(m) || speakRefusal(m) === null;
}
