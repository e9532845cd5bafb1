// The server's logger: pino, one JSON object a line (pretty through pino-pretty when stdout is a
// terminal). Callers log ids, names, codes and durations, never tokens, passwords or message
// text; the redaction below is a second line of defence for fields that must never be printed.
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import type { LogLevel } from "./config.ts";

export type Log = Logger;

/** Field paths whose values are replaced by "[redacted]" wherever a caller puts them. */
const REDACT = [
  "password",
  "token",
  "authorization",
  "secret",
  "*.password",
  "*.token",
  "*.authorization",
  "*.secret",
  "headers.authorization",
  "*.headers.authorization",
  "variables",
  "*.variables",
];

/**
 * A child of `log` without the redaction: for lines whose fields are fixed ids, names, codes and
 * durations (one per operation), where walking the redaction paths would cost more than the line.
 */
export const unredacted = (log: Log): Log => log.child({}, { redact: [] });

/** A logger at `level` writing to `destination` (stdout unless told; pretty when stdout is a terminal). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Log {
  // Asynchronous writes to stdout, gathered up to 4 KB or 200 ms (a busy server writes one line per
  // operation: one write each cost more than the line); pino flushes them when the process exits.
  const out =
    destination ??
    (process.stdout.isTTY
      ? pretty({ colorize: true, sync: true })
      : pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 200 }));
  return pino({ level, redact: { paths: REDACT, censor: "[redacted]" } }, out);
}
