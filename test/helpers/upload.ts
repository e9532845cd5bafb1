// Multipart uploads (graphql-multipart-request-spec) as a browser sends them: fetch + FormData,
// or a streamed body without Content-Length.
import { UploadFileDocument, type UploadFileMutation } from "../gql/graphql.ts";
import type { TestUser } from "./app.ts";

export type UploadResult = {
  status: number;
  data?: UploadFileMutation | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
};

const operations = () => JSON.stringify({ query: UploadFileDocument.toString(), variables: { file: null } });
const map = JSON.stringify({ "0": ["variables.file"] });

/** Sends `bytes` as the file `name` with FormData (which has a Content-Length). */
export async function upload(
  url: string,
  user: TestUser | null,
  bytes: Uint8Array,
  name: string,
  type = "application/octet-stream",
): Promise<UploadResult> {
  const form = new FormData();
  form.set("operations", operations());
  form.set("map", map);
  form.set("0", new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(url, {
    method: "POST",
    headers: user ? { authorization: `Bearer ${user.token}` } : {},
    body: form,
  });
  return { status: res.status, ...((await res.json()) as Omit<UploadResult, "status">) };
}

/**
 * Streams a multipart body chunk by chunk (no Content-Length): `total` bytes made by `chunk`, so
 * neither side holds the whole file.
 */
export async function uploadStreamed(
  url: string,
  user: TestUser,
  head: Uint8Array,
  total: number,
  name: string,
  /** Awaited once, when half the file is sent. */
  midway?: () => Promise<void>,
): Promise<UploadResult> {
  const boundary = "xim-test-boundary";
  const enc = new TextEncoder();
  const part = (field: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`;
  const preamble = enc.encode(
    `${part("operations", operations())}${part("map", map)}--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const chunk = new Uint8Array(256 * 1024).fill(7);
  let sent = 0;
  let stage = 0;
  let paused = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (midway && !paused && sent >= total / 2) {
        paused = true;
        await midway();
      }
      if (stage === 0) {
        stage = 1;
        controller.enqueue(preamble);
        controller.enqueue(head);
        sent = head.length;
      } else if (sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        controller.enqueue(chunk.subarray(0, n));
      } else {
        controller.enqueue(enc.encode(`\r\n--${boundary}--\r\n`));
        controller.close();
      }
    },
  });
  const res = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}`, "content-type": `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: "half",
  } as RequestInit);
  return { status: res.status, ...((await res.json()) as Omit<UploadResult, "status">) };
}

/** The stored attachment, or throws with the errors. */
export async function uploaded(url: string, user: TestUser, bytes: Uint8Array, name: string) {
  const r = await upload(url, user, bytes, name);
  if (!r.data?.uploadFile) throw new Error(`upload failed: ${JSON.stringify(r.errors)}`);
  return r.data.uploadFile;
}

/** Runs `query` as a multipart request with a small file for each variable in `files`. */
export async function multipartOperation(url: string, query: string, files: string[], token?: string) {
  const form = new FormData();
  form.set("operations", JSON.stringify({ query, variables: Object.fromEntries(files.map((f) => [f, null])) }));
  form.set("map", JSON.stringify(Object.fromEntries(files.map((f, i) => [String(i), [`variables.${f}`]]))));
  for (const [i] of files.entries()) form.set(String(i), new Blob(["x"]), "x.txt");
  const res = await fetch(url, {
    method: "POST",
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return (await res.json()) as Omit<UploadResult, "status">;
}
