import { requireViewer } from "../../context.ts";
import { uploadFile } from "../../domain/attachments.ts";
import { builder } from "../builder.ts";
import { Attachment } from "./types.ts";

builder.mutationField("uploadFile", (t) =>
  t.field({
    type: Attachment,
    description:
      "v2. Stores a file for a message, an avatar or a group thumbnail; the id is what sendMessage's fileId, updateProfile's avatarFileId and thumbFileId take.",
    args: { file: t.arg({ type: "Upload", required: true }) },
    resolve: (_root, args, ctx) => uploadFile(ctx, requireViewer(ctx).userId, args.file),
  }),
);
