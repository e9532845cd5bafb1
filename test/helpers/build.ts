// Vitest global setup: builds dist/main.js (`npm run build`, what `npm start` runs) once, so the
// tests that start xim as a process run the same bundle as production; and the web client
// (web/dist) when it is missing or older than its sources.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { buildWeb } from "../../web/build.ts";

export default async function setup() {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: join(import.meta.dirname, "../.."), stdio: "inherit" });
  await buildWeb();
}
