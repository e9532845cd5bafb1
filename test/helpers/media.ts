// Small real media files built in the test: a PNG, a WAV, an MP4 with a video track, a WebM with
// an audio or a video track. Each is what file-type and music-metadata read as the real thing.
import { randomFillSync } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
}

/** A valid RGB PNG of `width` x `height`; with `noise`, random pixels (about 3 bytes a pixel). */
export function png(width: number, height: number, noise = false): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]);
  const row = 1 + width * 3;
  const raw = Buffer.alloc(row * height);
  if (noise) {
    randomFillSync(raw);
    for (let y = 0; y < height; y++) raw[y * row] = 0; // filter type: none
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A mono 16-bit PCM WAV of `ms` milliseconds at 8 kHz. */
export function wav(ms: number): Buffer {
  const data = Buffer.alloc(Math.round((8000 * ms) / 1000) * 2);
  return Buffer.concat([wavHeader(data.length), data]);
}

/** The 44-byte header of a WAV whose samples (`dataBytes` of them) follow. */
export function wavHeader(dataBytes: number): Buffer {
  const data = { length: dataBytes };
  const h = Buffer.alloc(44);
  h.write("RIFF", 0, "latin1");
  h.writeUInt32LE(36 + data.length, 4);
  h.write("WAVEfmt ", 8, "latin1");
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write("data", 36, "latin1");
  h.writeUInt32LE(data.length, 40);
  return h;
}

const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, "latin1"), body]);
};

/** An MP4 whose one track is a video track (handler `vide`) of `ms` milliseconds. */
export function mp4Video(ms: number): Buffer {
  const matrix = Buffer.concat([
    u32(0x10000),
    u32(0),
    u32(0),
    u32(0),
    u32(0x10000),
    u32(0),
    u32(0),
    u32(0),
    u32(0x40000000),
  ]);
  const mvhd = box(
    "mvhd",
    u32(0),
    u32(0),
    u32(0),
    u32(1000),
    u32(ms),
    u32(0x10000),
    Buffer.from([1, 0]),
    Buffer.alloc(10),
    matrix,
    Buffer.alloc(24),
    u32(2),
  );
  const tkhd = box(
    "tkhd",
    u32(3),
    u32(0),
    u32(0),
    u32(1),
    u32(0),
    u32(ms),
    Buffer.alloc(8),
    Buffer.alloc(8),
    matrix,
    u32(16 << 16),
    u32(16 << 16),
  );
  const mdhd = box("mdhd", u32(0), u32(0), u32(0), u32(1000), u32(ms), Buffer.from([0x55, 0xc4, 0, 0]));
  const hdlr = box(
    "hdlr",
    u32(0),
    u32(0),
    Buffer.from("vide", "latin1"),
    Buffer.alloc(12),
    Buffer.from("VideoHandler\0", "latin1"),
  );
  const ftyp = box("ftyp", Buffer.from("isom", "latin1"), u32(0x200), Buffer.from("isomiso2mp41", "latin1"));
  const minf = box("minf", box("stbl", box("stsd", u32(0), u32(0))));
  return Buffer.concat([ftyp, box("moov", mvhd, box("trak", tkhd, box("mdia", mdhd, hdlr, minf)))]);
}

// EBML: an element is its id, its size as a variable-length integer, then its data.
function ebml(id: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const idBytes = Buffer.from(
    id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, "0"),
    "hex",
  );
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(body.length) | (1n << 56n));
  return Buffer.concat([idBytes, size, body]);
}
const uint = (id: number, n: number) => ebml(id, Buffer.from([n]));
const str = (id: number, s: string) => ebml(id, Buffer.from(s, "latin1"));
const float = (id: number, n: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n);
  return ebml(id, b);
};

/** A WebM (what browsers record) with one audio (Opus) or video (VP8) track, `ms` long. */
export function webm(track: "audio" | "video", ms: number): Buffer {
  const header = ebml(
    0x1a45dfa3,
    uint(0x4286, 1),
    uint(0x42f7, 1),
    uint(0x42f2, 4),
    uint(0x42f3, 8),
    str(0x4282, "webm"),
    uint(0x4287, 4),
    uint(0x4285, 2),
  );
  const info = ebml(
    0x1549a966,
    ebml(0x2ad7b1, Buffer.from([0x0f, 0x42, 0x40])),
    float(0x4489, ms),
    str(0x4d80, "xim-test"),
    str(0x5741, "xim-test"),
  );
  const entry =
    track === "audio"
      ? ebml(
          0xae,
          uint(0xd7, 1),
          uint(0x73c5, 1),
          uint(0x83, 2),
          str(0x86, "A_OPUS"),
          ebml(0xe1, float(0xb5, 48000), uint(0x9f, 1)),
        )
      : ebml(
          0xae,
          uint(0xd7, 1),
          uint(0x73c5, 1),
          uint(0x83, 1),
          str(0x86, "V_VP8"),
          ebml(0xe0, uint(0xb0, 16), uint(0xba, 16)),
        );
  return Buffer.concat([header, ebml(0x18538067, info, ebml(0x1654ae6b, entry))]);
}
