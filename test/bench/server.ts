/**
 * The Node server as production runs it (createNodeApp on an embedded file with the same
 * settings), plus two bench-only routes: a baseline write — parse the same JSON, insert one row
 * with the same client — and the process's peak RSS, sampled every 25 ms. Prints its port as one JSON line.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createInstrumentRegistry } from "../../src/instruments/registry.js";
import { createNodeApp } from "../../src/node/node-app.js";
import { openDatabase } from "../../src/node/open-database.js";

const file = process.argv[2];
if (!file) throw new Error("usage: tsx test/bench/server.ts <database file>");

const opened = await openDatabase(`file:${file}`);
await opened.client.execute("CREATE TABLE IF NOT EXISTS bench_baseline (id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID");
const app = createNodeApp(opened.db, createInstrumentRegistry());

// Sampled, not getrusage's maxRSS: that one survives exec, so a child of a large parent would
// report the parent's size from the moment it was forked.
let peakRss = process.memoryUsage().rss;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25).unref();

const bench = new Hono()
  .post("/bench/baseline", async (c) => {
    const body = await c.req.json();
    await opened.client.execute({ sql: "INSERT INTO bench_baseline (id, body) VALUES (?, ?)", args: [crypto.randomUUID(), JSON.stringify(body)] });
    return c.json({ status: "stored" }, 201);
  })
  .get("/bench/rss", (c) => c.json({ peakRssKb: Math.round(peakRss / 1024), memory: process.memoryUsage() }))
  .all("*", (c) => app.fetch(c.req.raw, c.env));

serve({ fetch: bench.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
