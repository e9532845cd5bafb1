// Knows what an upload is from its bytes as they stream past: the type from the first bytes
// (file-type), an image's pixel size, audio versus video and the duration from the container's
// tracks (music-metadata, fed alongside). Holds at most the head and a short tail in memory.
import { once } from "node:events";
import { PassThrough, Transform, type TransformCallback } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";
import { type IAudioMetadata, parseStream } from "music-metadata";
import { badInput } from "../errors.ts";
import type { AttachmentKind } from "../generated/prisma/enums.ts";
import { FileTooLargeError } from "./storage/types.ts";

export type Probed = {
  kind: AttachmentKind;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
};

export type KindLimits = Record<AttachmentKind, number>;

/** What the type is sniffed from; also where an image's dimensions must be (JPEG after EXIF). */
const HEAD_BYTES = 256 * 1024;
const IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp"]);

const unsupported = () => badInput("file", "not an image, audio or video file xim can read");

/** The last bytes of a whole image of these types; a truncated upload lacks them. */
function complete(mime: string, tail: Buffer, size: number, head: Buffer): boolean {
  if (mime === "image/png") return tail.subarray(-8).equals(Buffer.from("IEND\xaeB`\x82", "latin1"));
  if (mime === "image/jpeg") return tail.subarray(-2).equals(Buffer.from([0xff, 0xd9]));
  if (mime === "image/gif") return tail.at(-1) === 0x3b;
  if (mime === "image/webp") return head.length >= 8 && head.readUInt32LE(4) + 8 === size;
  return true;
}

export class MediaProbe extends Transform {
  #head: Buffer[] = [];
  #headBytes = 0;
  #tail = Buffer.alloc(0);
  #size = 0;
  #limit: number;
  #mime: string | null = null;
  #meta: { feed: PassThrough; result: Promise<IAudioMetadata | Error>; settled: boolean } | null = null;

  constructor(private readonly limits: KindLimits) {
    super();
    this.#limit = Math.max(limits.IMAGE, limits.VOICE, limits.VIDEO);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.#size += chunk.length;
    if (this.#size > this.#limit) return done(new FileTooLargeError(this.#limit));
    this.#tail = Buffer.concat([this.#tail, chunk.subarray(-16)]).subarray(-16);
    if (this.#mime) return void this.#feed(chunk).then(() => done(null, chunk), done);
    this.#head.push(chunk);
    this.#headBytes += chunk.length;
    if (this.#headBytes < HEAD_BYTES) return done();
    this.#release().then(() => done(), done);
  }

  override _flush(done: TransformCallback) {
    const finish = () => {
      this.#meta?.feed.end();
      done();
    };
    if (this.#mime) return finish();
    if (this.#size === 0) return done(badInput("file", "is empty"));
    this.#release().then(finish, done);
  }

  /** Detects the type from the head, then passes the held head on. */
  async #release() {
    const head = Buffer.concat(this.#head);
    this.#head = [];
    const type = await fileTypeFromBuffer(head);
    if (!type) throw unsupported();
    const family = type.mime.split("/")[0];
    if (family === "image") {
      if (!IMAGES.has(type.mime)) throw unsupported();
      this.#limit = this.limits.IMAGE;
    } else if (family === "audio" || family === "video") {
      // Audio-only WebM or MP4 is a voice note: its limit is known once the tracks are read.
      this.#limit = family === "audio" ? this.limits.VOICE : Math.max(this.limits.VOICE, this.limits.VIDEO);
      const feed = new PassThrough({ highWaterMark: 1024 * 1024 });
      const meta = {
        feed,
        settled: false,
        result: parseStream(feed, { mimeType: type.mime }, { skipCovers: true }).catch((e: Error) => e),
      };
      void meta.result.finally(() => {
        meta.settled = true;
        feed.resume(); // what the parser no longer reads is dropped
      });
      this.#meta = meta;
    } else throw unsupported();
    this.#mime = type.mime;
    this.#head = [head];
    if (this.#size > this.#limit) throw new FileTooLargeError(this.#limit);
    await this.#feed(head);
    this.push(head);
  }

  async #feed(chunk: Buffer) {
    const meta = this.#meta;
    if (!meta || meta.settled || meta.feed.write(chunk)) return;
    await Promise.race([once(meta.feed, "drain"), meta.result]);
  }

  /** What the file is, once it has all streamed through (throws BAD_USER_INPUT if unreadable). */
  async result(): Promise<Probed> {
    const mimeType = this.#mime;
    const head = this.#head[0];
    if (!mimeType || !head) throw unsupported();
    const size = this.#size;
    if (mimeType.startsWith("image/")) {
      const dims = (() => {
        try {
          return imageSize(head);
        } catch {
          return null;
        }
      })();
      if (!dims?.width || !dims.height || !complete(mimeType, this.#tail, size, head))
        throw badInput("file", "is not a whole, readable image");
      const turned = (dims.orientation ?? 1) >= 5; // EXIF orientations 5-8 are shown rotated
      return {
        kind: "IMAGE",
        mimeType,
        size,
        width: turned ? dims.height : dims.width,
        height: turned ? dims.width : dims.height,
        durationMs: null,
      };
    }
    const meta = await this.#meta?.result;
    if (!meta || meta instanceof Error) throw unsupported();
    const { hasVideo, hasAudio, duration } = meta.format;
    if (!hasVideo && !hasAudio) throw unsupported();
    const kind = hasVideo ? "VIDEO" : "VOICE";
    if (size > this.limits[kind]) throw new FileTooLargeError(this.limits[kind]);
    const container = mimeType.split("/")[1];
    return {
      kind,
      // A browser's voice note is audio-only WebM, which file-type calls video/webm.
      mimeType: kind === "VOICE" && mimeType.startsWith("video/") ? `audio/${container}` : mimeType,
      size,
      width: null,
      height: null,
      durationMs:
        duration !== undefined && Number.isFinite(duration)
          ? Math.round(duration * 1000)
          : mimeType === "video/mp4" || mimeType === "video/quicktime"
            ? movieDurationMs(head)
            : null,
    };
  }
}

/**
 * An MP4's duration from its movie header (`mvhd`: timescale and duration), when the moov box is
 * in the head (a "fast start" file, as phones and browsers write them); music-metadata gives a
 * duration for audio tracks only.
 */
export function movieDurationMs(head: Buffer): number | null {
  const at = head.indexOf("mvhd", 0, "latin1");
  if (at < 4 || at + 32 > head.length) return null;
  const version = head[at + 4];
  const [scale, units] =
    version === 1
      ? [head.readUInt32BE(at + 24), Number(head.readBigUInt64BE(at + 28))]
      : [head.readUInt32BE(at + 16), head.readUInt32BE(at + 20)];
  return scale > 0 && Number.isSafeInteger(units) ? Math.round((units / scale) * 1000) : null;
}
