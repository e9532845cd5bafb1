// A logger for tests: xim's own (same redaction), at info, keeping every line it writes.
import type { DestinationStream } from "pino";
import type { LogLevel } from "../../src/config.ts";
import { createLogger, type Log } from "../../src/log.ts";

export type LogLine = { level: number; msg: string; [field: string]: unknown };

export type CapturedLogs = {
  log: Log;
  /** Every line written, as written. */
  raw: string[];
  lines(): LogLine[];
};

/** XIM_TEST_LOG=1 prints the lines too. */
export function captureLogs(level: LogLevel = "info", onLine?: (line: LogLine) => void): CapturedLogs {
  const raw: string[] = [];
  const stream: DestinationStream = {
    write(chunk: string) {
      raw.push(chunk);
      if (process.env.XIM_TEST_LOG) process.stdout.write(chunk);
      onLine?.(JSON.parse(chunk) as LogLine);
    },
  };
  return { log: createLogger(level, stream), raw, lines: () => raw.map((l) => JSON.parse(l) as LogLine) };
}

export const silentLog = (): Log => createLogger("silent");
