import type { Context } from "../../context.ts";

/** The user of a live event, read once per instance for every subscriber with the same selection. */
export const liveUser = (ctx: Context, query: object, id: number) =>
  ctx.userReads.get(`${id}:${JSON.stringify(query)}`, () =>
    ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id } }),
  );
