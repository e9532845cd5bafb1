// A real S3 protocol server for the tests: s3rver on a free port, on disk in a temp dir, with one
// bucket, and its built-in account in the AWS variables the SDK's default chain reads (put back by close).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

export type S3Server = { endpoint: string; close(): Promise<void> };

const AWS_VARS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"];

export async function startS3(bucket: string): Promise<S3Server> {
  const dir = await mkdtemp(join(tmpdir(), "xim-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const saved = AWS_VARS.map((name) => [name, process.env[name]] as const);
  process.env.AWS_ACCESS_KEY_ID = "S3RVER";
  process.env.AWS_SECRET_ACCESS_KEY = "S3RVER";
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
      for (const [name, value] of saved)
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
    },
  };
}
