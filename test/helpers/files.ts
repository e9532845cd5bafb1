// What an upload left behind: attachment rows and files in the disk driver's folder.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { TestApp } from "./app.ts";

export function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Rows and files, to compare before and after a refused upload. */
export async function stored(t: TestApp, dir: string) {
  return { rows: await t.app.services.prisma.attachment.count(), files: filesIn(dir).length };
}

/** A URL from the API (relative to xim when PUBLIC_URL is unset), fetched from the test app. */
export function fetchFile(t: TestApp, url: string, init: RequestInit = {}) {
  return fetch(new URL(url, t.url), init);
}
