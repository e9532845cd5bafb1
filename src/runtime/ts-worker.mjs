// A worker thread from the TypeScript sources (tests, tsx): registers tsx in the thread, then loads
// `workerData.entry`. The production bundle starts its workers' own bundles instead (outbox-thread.ts).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
