// Vitest global setup: builds dist/main.js (`npm run build`, what `npm start` runs) once, so the
// tests that start xim as a process run the same bundle as production; and the web client
// (web/dist) when it is missing or older than its sources.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export default function setup() {
  const cwd = join(import.meta.dirname, "../..");
  execFileSync("npm", ["run", "--silent", "build"], { cwd, stdio: "inherit" });
  // As `npm start` builds it: a production bundle (vitest's NODE_ENV=test would make React's development one).
  execFileSync("npm", ["run", "--silent", "build:web"], {
    cwd,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
