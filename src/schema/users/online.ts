// User.online for every user a response shows, in one lookup: the ids asked for in the same turn
// of the event loop go together (one friendship query, one presence read), per request.
import { type Context, isSignedIn } from "../../context.ts";
import { onlineAsSeenBy } from "../../domain/presence.ts";

type Batch = { ids: Set<number>; result: Promise<Set<number>> };

const batches = new WeakMap<Context, Batch>();

export function loadOnline(ctx: Context, userId: number): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!isSignedIn(viewer)) return Promise.resolve(false);
  let batch = batches.get(ctx);
  if (!batch) {
    const ids = new Set<number>();
    const result = new Promise<Set<number>>((resolve) => {
      setImmediate(() => {
        if (batches.get(ctx) === batch) batches.delete(ctx);
        resolve(onlineAsSeenBy(ctx, viewer.userId, [...ids]).catch(() => new Set<number>()));
      });
    });
    batch = { ids, result };
    batches.set(ctx, batch);
  }
  batch.ids.add(userId);
  return batch.result.then((online) => online.has(userId));
}
