// Removes, now and then, the uploads that nothing referenced within UPLOAD_UNREFERENCED_TTL. Every
// instance may sweep: each row is deleted (and its file removed) by one of them.
import type { Services } from "../context.ts";
import { storesFiles, sweepUnreferencedUploads } from "../domain/attachments.ts";

export function startUploadSweep(svc: Services, log: (err: unknown) => void): () => void {
  if (!storesFiles(svc)) return () => {};
  const ttlMs = svc.config.uploadUnreferencedTtlSeconds * 1000;
  const everyMs = Math.min(3_600_000, Math.max(10_000, ttlMs / 4));
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepUnreferencedUploads(svc, ttlMs)
      .catch((err) => log(err))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
