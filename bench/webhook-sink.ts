// A webhook receiver for the bench's "xim + events" row: answers every delivery 204 at once
// (it does not verify signatures: the bench measures xim's cost of relaying, not the receiver's).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

let received = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    received++;
    res.writeHead(204).end();
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`);
});
process.on("SIGTERM", () => {
  console.log(`received ${received}`);
  server.close(() => process.exit(0));
});
