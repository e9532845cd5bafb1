// A user's own settings for a chat: pin and hide (list entry), the rest on the membership. The
// user's other devices hear of each change (not the device that made it).
import type { Services, Viewer } from "../context.ts";
import { badInput } from "../errors.ts";
import { publishEntryChanged } from "../pubsub.ts";
import { requireMember } from "./chats.ts";
import { assertMaySpeak } from "./roles.ts";
import { optionalText } from "./validate.ts";

export type SettingsInput = {
  pinned?: boolean | null;
  folded?: boolean | null;
  doNotDisturb?: boolean | null;
  remark?: string | null;
  nickname?: string | null;
  showInContacts?: boolean | null;
};

const flag = (v: boolean | null | undefined) => (v === null ? undefined : v);

export async function updateSettings(svc: Services, viewer: Viewer, chatId: number, input: SettingsInput) {
  const { prisma } = svc;
  const userId = viewer.userId;
  const member = await requireMember(prisma, chatId, userId);
  const remark = optionalText(input.remark, "remark", 64);
  const nickname = optionalText(input.nickname, "nickname", 64);
  if (nickname !== undefined && member.chat.type !== "GROUP") throw badInput("nickname", "a nickname is for groups");
  if (input.showInContacts && member.chat.type !== "GROUP")
    throw badInput("showInContacts", "only groups are shown in contacts");
  // The nickname is shown to the other members: changing it is speaking.
  if (nickname !== undefined && nickname !== member.nickname) assertMaySpeak(member);
  const key = { chatId_userId: { chatId, userId } };
  await prisma.$transaction([
    prisma.chatMember.update({
      where: key,
      data: {
        folded: flag(input.folded),
        doNotDisturb: flag(input.doNotDisturb),
        showInContacts: flag(input.showInContacts),
        remark,
        nickname,
      },
    }),
    prisma.chatEntry.update({ where: { userId_chatId: { userId, chatId } }, data: { pinned: flag(input.pinned) } }),
  ]);
  publishEntryChanged(svc.pubsub, userId, chatId, viewer.deviceId);
}

/** Hidden until the chat's next message: the entry remembers the seq it was hidden at. */
export async function hideChat(svc: Services, viewer: Viewer, chatId: number) {
  const { prisma } = svc;
  const userId = viewer.userId;
  const member = await requireMember(prisma, chatId, userId);
  await prisma.chatEntry.update({
    where: { userId_chatId: { userId, chatId } },
    data: { hiddenSeq: member.chat.lastSeq },
  });
  publishEntryChanged(svc.pubsub, userId, chatId, viewer.deviceId);
}
