// Input rules shared by the domains. Each failure names the field.
import { badInput } from "../errors.ts";

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string of 1..max characters (after trimming when `trim`), with no control characters. */
export function text(
  value: string,
  field: string,
  opts: { max: number; min?: number; trim?: boolean; multiline?: boolean },
): string {
  const v = opts.trim === false ? value : value.trim();
  if (v.length < (opts.min ?? 1)) throw badInput(field, opts.min === 0 ? "is invalid" : "must not be empty");
  if (v.length > opts.max) throw badInput(field, `must be at most ${opts.max} characters`);
  if (LONE_SURROGATE.test(v)) throw badInput(field, "is not valid Unicode");
  if (CONTROL.test(v) || (!opts.multiline && /[\r\n\t]/.test(v)))
    throw badInput(field, "must not contain control characters");
  return v;
}

export function optionalText(value: string | null | undefined, field: string, max: number): string | null | undefined {
  if (value === undefined || value === null) return value;
  return value.trim() === "" ? null : text(value, field, { max, multiline: true });
}

/** File ids name objects in the file service: opaque, short, printable. */
export function fileId(value: string, field: string): string {
  if (!/^[A-Za-z0-9._:/-]{1,128}$/.test(value)) throw badInput(field, "not a valid file id");
  return value;
}

/** Times are 1970-01-01 to 9999-12-31 UTC: inside both a JS Date's and a timestamptz's range. */
export const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function timeInRange(d: Date): boolean {
  const ms = d.getTime();
  return Number.isInteger(ms) && ms >= 0 && ms <= MAX_TIME_MS;
}

export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, "utf8");
}

/** A seq given by a client: 0 or more. */
export function parseSeq(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0) throw badInput(field, "must be a seq (0 or more)");
  return value;
}
