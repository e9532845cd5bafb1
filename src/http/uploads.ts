// The GraphQL multipart request spec, streamed: yoga's own parser reads the whole body into memory
// (request.formData(), graphql-yoga#4409), so multipart requests are parsed here with busboy. The
// operation runs as soon as the file part starts, and its resolver streams the part to storage.
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import busboy from "busboy";
import { createGraphQLError, type GraphQLParams, type Plugin } from "graphql-yoga";
import { FileTooLargeError } from "../runtime/storage/types.ts";

/** An `Upload` variable: the file part, streaming. */
export class UploadedFile {
  #taken = false;
  constructor(
    readonly name: string,
    private readonly stream: Readable,
  ) {}

  /** The bytes, once (a second reader would see nothing). */
  take(): Readable {
    if (this.#taken) throw new Error("upload already read");
    this.#taken = true;
    return this.stream;
  }

  /** Drops what nobody read, so the request can end. */
  discard() {
    if (this.#taken) return;
    this.#taken = true;
    this.stream.resume();
  }
}

const refuse = (message: string, status = 400) =>
  createGraphQLError(message, { extensions: { code: "BAD_USER_INPUT", http: { status } } });

const MAX_FIELD_BYTES = 64 * 1024;

function setPath(target: unknown, path: string, value: unknown) {
  const keys = path.split(".");
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = node?.[key];
    if (typeof next !== "object" || next === null) throw refuse(`map: no such path ${path}`);
    node = next as Record<string, unknown>;
  }
  const last = keys.at(-1);
  if (!last || !(last in node) || node[last] !== null) throw refuse(`map: ${path} must be a null variable`);
  node[last] = value;
}

function parse(body: Readable, contentType: string, maxFileBytes: number, files: UploadedFile[]) {
  return new Promise<GraphQLParams>((resolve, reject) => {
    let operations: GraphQLParams | null = null;
    let map: Record<string, string[]> | null = null;
    const fail = (err: unknown) => {
      body.unpipe(bb);
      body.resume();
      reject(err);
    };
    const bb = busboy({
      headers: { "content-type": contentType },
      limits: { fieldSize: MAX_FIELD_BYTES, fields: 2, files: 1, fileSize: maxFileBytes, parts: 3 },
    });
    bb.on("field", (name, value, info) => {
      try {
        if (info.valueTruncated) throw refuse(`${name} is too long`);
        if (name === "operations" && !operations) operations = JSON.parse(value);
        else if (name === "map" && operations && !map) map = JSON.parse(value);
        else throw refuse(`unexpected field ${name} (operations, then map, then the file)`);
        if (typeof (map ?? operations) !== "object" || Array.isArray(operations) || (map ?? operations) === null)
          throw refuse(`${name} must be a JSON object`);
      } catch (err) {
        fail(err instanceof SyntaxError ? refuse(`${name} is not JSON`) : err);
      }
    });
    bb.on("file", (name, stream, info) => {
      const paths = map?.[name];
      if (!operations || !Array.isArray(paths) || paths.length !== 1 || typeof paths[0] !== "string") {
        stream.resume();
        return fail(refuse("a file must follow operations and a map naming one variable for it"));
      }
      stream.on("limit", () => stream.destroy(new FileTooLargeError(maxFileBytes)));
      const file = new UploadedFile(info.filename ?? "", stream);
      files.push(file);
      try {
        setPath(operations, paths[0], file);
      } catch (err) {
        file.discard();
        return fail(err);
      }
      resolve(operations);
    });
    for (const event of ["filesLimit", "fieldsLimit", "partsLimit"])
      bb.on(event, () => fail(refuse("one file per request, with operations and map")));
    bb.on("error", (err) => fail(refuse(`malformed multipart body: ${(err as Error).message}`)));
    bb.on("close", () => (operations ? resolve(operations) : reject(refuse("missing operations"))));
    body.on("error", (err) => bb.destroy(err));
    body.pipe(bb);
  });
}

/** Streams multipart requests' files; the largest file taken is `maxFileBytes`. */
export const multipartUploads = (maxFileBytes: number): Plugin => {
  const uploads = new WeakMap<Request, UploadedFile[]>();
  return {
    onRequestParse: ({ request, serverContext, setRequestParser }) => {
      const type = request.headers.get("content-type") ?? "";
      if (request.method !== "POST" || !/^multipart\/form-data\b/i.test(type)) return;
      const files: UploadedFile[] = [];
      uploads.set(request, files);
      // The node request itself when there is one: whatwg-node reads it only when asked to.
      const req = (serverContext as { req?: IncomingMessage }).req;
      const body = req ?? (request.body ? Readable.from(request.body as unknown as AsyncIterable<Uint8Array>) : null);
      setRequestParser(() => (body ? parse(body, type, maxFileBytes, files) : Promise.reject(refuse("no body"))));
    },
    onResponse: ({ request }) => {
      for (const file of uploads.get(request) ?? []) file.discard();
    },
  };
};
