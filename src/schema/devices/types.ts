import DataLoader from "dataloader";
import type { Context } from "../../context.ts";
import { builder } from "../builder.ts";

const onlineLoaders = new WeakMap<Context, DataLoader<number, boolean>>();

/** One presence look-up per request for all the devices it shows. */
function onlineLoader(ctx: Context): DataLoader<number, boolean> {
  let loader = onlineLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly number[]) => {
      const online = await ctx.presence.online([...ids]);
      return ids.map((id) => online.has(id));
    });
    onlineLoaders.set(ctx, loader);
  }
  return loader;
}

export const DeviceMac = builder.prismaObject("DeviceMac", {
  fields: (t) => ({ name: t.exposeString("name"), address: t.exposeString("address") }),
});

export const Device = builder.prismaObject("Device", {
  fields: (t) => ({
    id: t.exposeID("id"),
    hostname: t.exposeString("hostname"),
    os: t.exposeString("os"),
    arch: t.exposeString("arch"),
    macs: t.relation("macs", {
      description: "The device's network interfaces as registered, 1 to 16.",
      query: { orderBy: { id: "asc" } },
    }),
    online: t.boolean({ resolve: (d, _args, ctx) => (d.isDeleted ? false : onlineLoader(ctx).load(d.id)) }),
    lastSeenAt: t.expose("lastSeenAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});
