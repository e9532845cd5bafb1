// Stand-in for @prisma/streams-local: see package.json's "//" comment in the repository root.
export async function startLocalDurableStreamsServer() {
  throw new Error("xim replaces @prisma/streams-local: `prisma dev` (local Prisma Postgres) is not supported here");
}
