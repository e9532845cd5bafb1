// npm run events -- schemas | dead | replay [id ...]
//   schemas  writes docs/events/<type>.schema.json from the catalog (src/domain/events.ts)
//   dead     lists the webhook events that failed past WEBHOOK_MAX_AGE (the dead letters)
//   replay   puts dead letters back in the outbox (the given ids, or all), for the webhook only
// Works on DATABASE_URL, or on the embedded database in XIM_DATA_DIR when it is unset.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadDatabaseConfig } from "../config.ts";
import { openDb } from "../db.ts";
import { eventJsonSchemas } from "../domain/event-schemas.ts";
import { listDeadLetters, replayDeadLetters } from "../runtime/dead-letters.ts";

async function withDb<T>(work: (prisma: Awaited<ReturnType<typeof openDb>>["prisma"]) => Promise<T>): Promise<T> {
  const db = await openDb({ ...loadDatabaseConfig(process.env), databasePoolSize: 2, migrateOnStart: false });
  try {
    return await work(db.prisma);
  } finally {
    await db.close();
  }
}

async function main(command: string | undefined, args: string[]): Promise<number> {
  switch (command) {
    case "schemas": {
      const dir = join(import.meta.dirname, "../../docs/events");
      for (const [name, text] of eventJsonSchemas()) writeFileSync(join(dir, name), text);
      console.log(`wrote ${dir}`);
      return 0;
    }
    case "dead": {
      const letters = await withDb(listDeadLetters);
      for (const l of letters)
        console.log(
          `evt_${l.id}\t${l.type}\t${l.orderKey}\t${l.attempts} attempts\t${l.lastError ?? ""}\t${l.deadAt.toISOString()}`,
        );
      if (letters.length === 0) console.log("no dead letters");
      return 0;
    }
    case "replay": {
      if (args.some((a) => !/^(evt_)?\d+$/.test(a))) return (console.error("usage: replay [evt_<id> ...]"), 2);
      const n = await withDb((p) =>
        replayDeadLetters(
          p,
          args.map((a) => a.replace(/^evt_/, "")),
        ),
      );
      console.log(`replayed ${n} event(s)`);
      return 0;
    }
    default:
      console.error("usage: npm run events -- schemas | dead | replay [evt_<id> ...]");
      return 2;
  }
}

process.exitCode = await main(process.argv[2], process.argv.slice(3));
