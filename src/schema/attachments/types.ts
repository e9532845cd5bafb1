import { GraphQLError } from "graphql";
import { attachmentUrl } from "../../domain/attachments.ts";
import type { Attachment as AttachmentRow } from "../../generated/prisma/client.ts";
import { UploadedFile } from "../../http/uploads.ts";
import { builder } from "../builder.ts";

builder.scalarType("Upload", {
  description: "v2. A file in a multipart request (graphql-multipart-request-spec).",
  serialize: () => {
    throw new GraphQLError("Upload is an input only");
  },
  parseValue: (value) => {
    if (value instanceof UploadedFile) return value;
    throw new GraphQLError("Upload must be a file of a multipart request (graphql-multipart-request-spec)");
  },
  parseLiteral: () => {
    throw new GraphQLError("Upload must be a file of a multipart request (graphql-multipart-request-spec)");
  },
});

export const Attachment = builder.objectRef<AttachmentRow>("Attachment").implement({
  description: "v2. An uploaded file.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    mimeType: t.exposeString("mimeType", { description: "Detected from the content, not taken from the client." }),
    size: t.exposeInt("size"),
    url: t.string({
      description:
        "A URL a browser can load directly (an img or video src), valid for at least an hour; query the field again for a fresh one.",
      resolve: (a, _args, ctx) => attachmentUrl(ctx, a),
    }),
    width: t.exposeInt("width", { nullable: true, description: "Images: pixel size." }),
    height: t.exposeInt("height", { nullable: true }),
    durationMs: t.exposeInt("durationMs", { nullable: true, description: "Voice and video: duration." }),
  }),
});
