// Who in a group may act on whom: the one rule behind member management and message deletion.
import type { MemberRole } from "../generated/prisma/enums.ts";

/** The owner acts on anyone; an admin only on plain members; a plain member on nobody. */
export function mayActOn(actor: MemberRole, target: MemberRole): boolean {
  return actor === "OWNER" || (actor === "ADMIN" && target === "MEMBER");
}
