// Builds the web client into web/dist when it is missing or older than its sources, so `npm start`
// (and the test setup) stay fast when nothing changed. `tsx web/build.ts` runs it; `--force` always builds.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = import.meta.dirname;
const builtIndex = join(root, "dist", "index.html");

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function webIsStale(): boolean {
  let built: number;
  try {
    built = statSync(builtIndex).mtimeMs;
  } catch {
    return true;
  }
  const sources = ["index.html", "vite.config.ts", "src"].map((p) => newestMtime(join(root, p)));
  return Math.max(...sources) > built;
}

export async function buildWeb({ force = false } = {}): Promise<"built" | "current" | "no vite"> {
  if (!force && !webIsStale()) return "current";
  // Vite is a devDependency: an install without them (npm ci --omit=dev) serves no web client
  // unless web/dist was built beforehand, and xim starts all the same.
  const vite = await import("vite").catch(() => null);
  if (!vite) return "no vite";
  await vite.build({ configFile: join(root, "vite.config.ts"), logLevel: "warn" });
  return "built";
}

if (process.argv[1] === import.meta.filename) {
  const result = await buildWeb({ force: process.argv.includes("--force") });
  if (result === "current") console.log("web/dist is current");
  if (result === "no vite") console.warn("web/dist is missing or stale and Vite is not installed: no web client at /");
}
