/**
 * The submissions bench's baseline, outside the product: a bare `node:http` server that reads the
 * same JSON body, parses it, and inserts one row with the same libSQL client and the project's
 * pragmas (openDatabase), answering 201. What the product's submission path costs is measured
 * against this, not against a route inside its own server. Prints its port as one JSON line.
 */
import { createServer } from "node:http";

import { openDatabase } from "../../src/node/open-database.js";

const file = process.argv[2];
if (!file) throw new Error("usage: baseline-server <database file>");

const opened = await openDatabase(`file:${file}`);
await opened.client.execute(
  "CREATE TABLE IF NOT EXISTS bench_baseline (id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID",
);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      reply(400, { error: "invalid_json" });
      return;
    }
    opened.client
      .execute({
        sql: "INSERT INTO bench_baseline (id, body) VALUES (?, ?)",
        args: [crypto.randomUUID(), JSON.stringify(body)],
      })
      .then(
        () => reply(201, { status: "stored" }),
        () => reply(500, { error: "insert_failed" }),
      );
  });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
});

process.once("SIGINT", () => process.exit(0));
process.once("SIGTERM", () => process.exit(0));
