// The client's whole transport: typed documents (./gql) over fetch for queries and mutations, over
// graphql-ws for subscriptions, and uploadFile as a multipart request (graphql-multipart-request-spec).
// The token goes in the Authorization header and in the socket's connectionParams (docs/auth.md).
import { type Client, createClient } from "graphql-ws";
import { graphql } from "./gql";
import type { TypedDocumentString, UploadFileMutation } from "./gql/graphql";

export type GqlError = { message: string; extensions?: { code?: string; field?: string } };

/** A GraphQL error answer: `code` is its extensions.code (UNAUTHENTICATED, FORBIDDEN, …). */
export class ApiError extends Error {
  readonly code: string | undefined;
  constructor(error: GqlError | undefined) {
    super(error?.message ?? "request failed");
    this.code = error?.extensions?.code;
  }
}

const UploadFile = graphql(`
  mutation UploadFile($file: Upload!) {
    uploadFile(file: $file) { id mimeType url width height }
  }
`);

export type Api = {
  request<T, V>(doc: TypedDocumentString<T, V>, variables?: V): Promise<T>;
  /** Starts a subscription; the answer stops it. */
  subscribe<T, V>(doc: TypedDocumentString<T, V>, variables: V, onData: (data: T) => void): () => void;
  upload(file: File): Promise<{ id: string; url: string }>;
  /**
   * Runs `listener` each time the socket connects again after losing its connection: graphql-ws
   * resubscribes by itself, but what was sent meanwhile must be caught up (docs/messages.md).
   */
  onReconnect(listener: () => void): () => void;
  close(): void;
};

const endpoint = "/graphql";

async function answer<T>(res: Response): Promise<T> {
  const body = (await res.json()) as { data?: T | null; errors?: GqlError[] };
  if (body.errors?.length || !body.data) throw new ApiError(body.errors?.[0]);
  return body.data;
}

/** `onSignedOut` runs when the server refuses the token (an UNAUTHENTICATED answer or a 4403 close). */
export function createApi(token: string | null, onSignedOut: () => void = () => {}): Api {
  const authorization = token ? { authorization: `Bearer ${token}` } : undefined;
  let ws: Client | undefined;
  const reconnectListeners = new Set<() => void>();
  const socket = () => {
    ws ??= createClient({
      url: `${location.origin.replace(/^http/, "ws")}${endpoint}`,
      connectionParams: authorization,
      retryAttempts: 30,
      on: {
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) for (const listener of reconnectListeners) listener();
        },
        closed: (event) => (event as CloseEvent).code === 4403 && onSignedOut(),
      },
    });
    return ws;
  };
  const checked = <T>(p: Promise<T>) =>
    p.catch((err: unknown) => {
      if (err instanceof ApiError && err.code === "UNAUTHENTICATED") onSignedOut();
      throw err;
    });

  return {
    request<T, V>(doc: TypedDocumentString<T, V>, variables?: V) {
      return checked(
        fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", ...authorization },
          body: JSON.stringify({ query: doc.toString(), variables }),
        }).then((res) => answer<T>(res)),
      );
    },
    subscribe(doc, variables, onData) {
      return socket().subscribe<never>(
        { query: doc.toString(), variables: variables as Record<string, unknown> },
        {
          next: (result) => result.data && onData(result.data),
          error: (err) => console.error("subscription failed:", err),
          complete: () => {},
        },
      );
    },
    async upload(file) {
      // fetch sets the multipart boundary itself: no Content-Type header here.
      const body = new FormData();
      body.append("operations", JSON.stringify({ query: UploadFile.toString(), variables: { file: null } }));
      body.append("map", JSON.stringify({ 0: ["variables.file"] }));
      body.append("0", file, file.name);
      const res = fetch(endpoint, { method: "POST", headers: authorization, body });
      return (await checked(res.then((r) => answer<UploadFileMutation>(r)))).uploadFile;
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    close() {
      // A later subscribe opens a new socket (React's StrictMode closes and reuses an Api once).
      void ws?.dispose();
      ws = undefined;
    },
  };
}
