// npm run bench:upload [-- <MB> ...]: uploads a video of each size (default 50 and 200 MB) to xim
// (the npm start bundle, embedded, disk storage) as one streamed multipart request, and prints the
// throughput and the server's peak RSS growth during the upload, which must not grow with the size.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mp4Video } from "../test/helpers/media.ts";
import { uploadStreamed } from "../test/helpers/upload.ts";
import { postJson } from "./lib/clients.ts";
import { startChild, ximMain } from "./lib/servers.ts";
import { round, table } from "./lib/stats.ts";

const MB = 1024 * 1024;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const runs = sizes.length ? sizes : [50, 200];

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

/** An MP4 with one video track, padded with an mdat box to `total` bytes. */
function videoHead(total: number): Buffer {
  const moov = mp4Video(60_000);
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(total - moov.length);
  mdat.write("mdat", 4, "latin1");
  return Buffer.concat([moov, mdat]);
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), "xim-bench-upload-"));
  const child = await startChild(ximMain(), {
    XIM_DATA_DIR: join(dir, "data"),
    UPLOAD_MAX_VIDEO_BYTES: String((Math.max(...runs) + 1) * MB),
    RATE_LIMIT_SIGNIN_PER_IP_PER_MINUTE: "1000",
  });
  try {
    const url = `${child.url}/graphql`;
    const out = await postJson(url, {
      query:
        'mutation { signUp(username: "bench_upload", password: "correct horse", nickname: "B") { token user { id } } }',
    });
    const { token, user } = JSON.parse(out).data.signUp;
    const uploader = { id: user.id, username: "bench_upload", token, http: null as never };
    const rows: (string | number)[][] = [];
    let summary = "";
    for (const size of runs) {
      const total = size * MB;
      await new Promise((r) => setTimeout(r, 1000));
      const base = rssKb(child.proc.pid as number);
      let peak = base;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssKb(child.proc.pid as number));
      }, 10);
      const started = performance.now();
      const r = await uploadStreamed(url, uploader, videoHead(total), total, `bench-${size}.mp4`);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      if (r.errors || !r.data?.uploadFile) throw new Error(`upload failed: ${JSON.stringify(r.errors)}`);
      const growthMb = round((peak - base) / 1024);
      rows.push([
        `${size} MB video`,
        round(seconds, 2),
        round(size / seconds),
        round(base / 1024),
        round(peak / 1024),
        growthMb,
      ]);
      summary += ` upload_${size}mb_mb_per_s=${round(size / seconds)} rss_growth_${size}mb_mb=${growthMb}`;
    }
    console.log("Upload: one streamed multipart request per file, xim on the embedded backend, disk storage");
    console.log(table(["file", "seconds", "MB/s", "RSS before MB", "RSS peak MB", "RSS growth MB"], rows));
    console.log(`bench:${summary}`);
  } finally {
    await child.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
