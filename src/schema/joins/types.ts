import { JoinRequestStatus as StatusValues, JoinRequestType as TypeValues } from "../../generated/prisma/enums.ts";
import { builder } from "../builder.ts";

export const JoinRequestType = builder.enumType(TypeValues, { name: "JoinRequestType" });
export const JoinRequestStatus = builder.enumType(StatusValues, { name: "JoinRequestStatus" });
export const JoinDecision = builder.enumType("JoinDecision", { values: ["APPROVE", "REJECT", "IGNORE"] as const });
export const RequestDirection = builder.enumType("RequestDirection", { values: ["INCOMING", "OUTGOING"] as const });

export const JoinRequest = builder.prismaObject("JoinRequest", {
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.expose("type", { type: JoinRequestType }),
    status: t.expose("status", { type: JoinRequestStatus }),
    requester: t.relation("requester"),
    targetUser: t.relation("targetUser", { nullable: true, description: "FRIEND and INVITE: the user who reviews." }),
    chat: t.relation("chat", { nullable: true, description: "GROUP and INVITE: the group." }),
    message: t.exposeString("message", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    reviewedAt: t.expose("reviewedAt", { type: "DateTime", nullable: true }),
  }),
});
