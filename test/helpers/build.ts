// Vitest global setup: builds dist/main.js (`npm run build`, what `npm start` runs) once, so the
// tests that start xim as a process run the same bundle as production.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export default function setup() {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: join(import.meta.dirname, "../.."), stdio: "inherit" });
}
