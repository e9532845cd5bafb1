// The V8 inspector of a server started with --inspect=127.0.0.1:0: a full garbage collection and
// the live heap size, from outside the process (nothing in xim's code is there for the bench).
import WebSocket from "ws";
import type { Child } from "./servers.ts";

export type Heap = { usedBytes(): Promise<number>; close(): void };

export async function inspectHeap(child: Child): Promise<Heap> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(child.output())?.[1];
  if (!url) throw new Error("the server was not started with --inspect");
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let next = 0;
  const call = (method: string) =>
    new Promise<Record<string, number>>((resolve, reject) => {
      const id = ++next;
      const onMessage = (data: WebSocket.RawData) => {
        const msg = JSON.parse(String(data));
        if (msg.id !== id) return;
        ws.off("message", onMessage);
        if (msg.error) reject(new Error(msg.error.message));
        else resolve(msg.result);
      };
      ws.on("message", onMessage);
      ws.send(JSON.stringify({ id, method }));
    });
  return {
    async usedBytes() {
      await call("HeapProfiler.collectGarbage");
      return (await call("Runtime.getHeapUsage")).usedSize as number;
    },
    close: () => ws.close(),
  };
}
