// Envelop runs every plugin's onExecute as a step of its own, through a chain of promise-like
// objects and closures: ~1.3 KB of garbage per hook per operation, and a few per cent of a ws
// send's CPU for xim's four (the engine, the metrics, the operation's notes, the scope cache's
// release), measured with bench:ab. These are synchronous and independent: `oneExecuteStep` runs
// them as one step, in the plugins' order, and their onExecuteDone hooks as one too.
import {
  isPromise,
  type OnExecuteDoneEventPayload,
  type OnExecuteDoneHook,
  type OnExecuteDoneHookResult,
  type OnExecuteEventPayload,
  type OnExecuteHook,
  type OnExecuteHookResult,
} from "@envelop/core";

type Context = Record<string, unknown>;
type OnExecute = OnExecuteHook<Context>;
type OnExecuteDone = OnExecuteDoneHook<Context>;

function notSynchronous(): never {
  throw new TypeError("oneExecuteStep: an onExecute or onExecuteDone hook returned a promise");
}

/** One onExecuteDone for several: each in order, each seeing the result the ones before set. */
function doneOf(hooks: OnExecuteDone[]): OnExecuteDone {
  return (payload: OnExecuteDoneEventPayload<Context>) => {
    let result = payload.result;
    let streams: OnExecuteDoneHookResult<Context>[] | undefined;
    for (const hook of hooks) {
      const out = hook({
        ...payload,
        result,
        setResult: (r) => {
          result = r;
          payload.setResult(r);
        },
      });
      if (isPromise(out)) notSynchronous();
      if (!out) continue;
      streams ??= [];
      streams.push(out as OnExecuteDoneHookResult<Context>);
    }
    if (!streams) return;
    const all = streams;
    return {
      onNext: (p) => {
        for (const s of all) if (isPromise(s.onNext?.(p))) notSynchronous();
      },
      onEnd: () => {
        for (const s of all) s.onEnd?.();
      },
    };
  };
}

/**
 * The plugins, with the onExecute hooks of all of them run as one step where the first of them
 * was (the order of everything else unchanged). Each hook gets the step's payload as envelop built
 * it; a hook may set the execute function (the last one set wins, as in separate steps) but must
 * not read one an earlier hook set, nor stop the execution. A hook or onExecuteDone that returns
 * a promise throws: these must be synchronous.
 */
export function oneExecuteStep<T extends { onExecute?: unknown }>(plugins: T[]): T[] {
  const hooks: OnExecute[] = [];
  let at = -1;
  const out = plugins.map((plugin, i) => {
    if (!plugin.onExecute) return plugin;
    hooks.push(plugin.onExecute as OnExecute);
    if (at === -1) at = i;
    const { onExecute: _, ...rest } = plugin;
    return rest as T;
  });
  if (hooks.length < 2) return plugins;
  const step = {
    onExecute(payload: OnExecuteEventPayload<Context>) {
      let first: OnExecuteDone | undefined;
      let more: OnExecuteDone[] | undefined;
      for (const hook of hooks) {
        const r = hook(payload);
        if (isPromise(r)) notSynchronous();
        const onDone = (r as OnExecuteHookResult<Context> | undefined)?.onExecuteDone;
        if (!onDone) continue;
        if (!first) first = onDone;
        else if (!more) more = [first, onDone];
        else more.push(onDone);
      }
      if (!first) return;
      return { onExecuteDone: more ? doneOf(more) : first };
    },
  };
  out.splice(at, 0, step as T);
  return out;
}
