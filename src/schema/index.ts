// Imports every domain and builds the schema.
import { builder } from "./builder.ts";
import "./common/scalars.ts";
import "./attachments/types.ts";
import "./attachments/mutations.ts";
import "./users/types.ts";
import "./users/queries.ts";
import "./users/mutations.ts";
import "./messages/types.ts";
import "./messages/queries.ts";
import "./messages/mutations.ts";
import "./messages/subscriptions.ts";
import "./chats/types.ts";
import "./chats/queries.ts";
import "./chats/mutations.ts";
import "./chats/subscriptions.ts";
import "./groups/mutations.ts";
import "./devices/types.ts";
import "./devices/queries.ts";
import "./devices/mutations.ts";
import "./friends/types.ts";
import "./friends/queries.ts";
import "./friends/mutations.ts";
import "./joins/types.ts";
import "./joins/queries.ts";
import "./joins/mutations.ts";
import "./joins/subscriptions.ts";

export const schema = builder.toSchema({ sortSchema: true });
