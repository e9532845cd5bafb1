// The JSON Schema of every event body, generated from the catalog in events.ts: one file per type
// under docs/events/, committed (npm run events -- schemas writes them; a test keeps them current).
import { z } from "zod";
import { EVENT_DATA, type EventType, eventBody } from "./events.ts";

export function eventJsonSchemas(): Map<string, string> {
  const out = new Map<string, string>();
  for (const type of Object.keys(EVENT_DATA) as EventType[]) {
    const schema = {
      ...z.toJSONSchema(eventBody(type)),
      $id: `https://xim.dev/events/${type}.schema.json`,
      title: type,
    };
    out.set(`${type}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`);
  }
  return out;
}
