/**
 * The Node server as production runs it (createNodeApp on an embedded file with the same
 * settings), plus one bench-only route: the process's peak RSS, sampled every 25 ms, and its CPU time. The
 * submissions baseline is a server of its own (baseline-server.ts). Prints its port as one JSON line.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

import { createInstrumentRegistry } from "../../src/instruments/registry.js";
import { createNodeApp } from "../../src/node/node-app.js";
import { openDatabase } from "../../src/node/open-database.js";
import { mailerFromEnv } from "../../src/node/smtp-mailer.js";

const file = process.argv[2];
if (!file) throw new Error("usage: tsx test/bench/server.ts <database file>");

const opened = await openDatabase(`file:${file}`);
// The load comes from one address (loopback): the limit on open links runs, and its cost is
// measured, but is set above anything the bench sends.
// Mail as `npm start` configures it (SMTP_URL, MAIL_FROM, INVITATION_KEY_SECRET, PUBLIC_URL), when the bench sets them.
const mailer = mailerFromEnv(process.env);
const app = createNodeApp(opened.db, createInstrumentRegistry(), {
  submissionsPerHour: Number.MAX_SAFE_INTEGER,
  ...(mailer ? { mailer } : {}),
  ...(process.env.INVITATION_KEY_SECRET ? { invitationKeySecret: process.env.INVITATION_KEY_SECRET } : {}),
  ...(process.env.PUBLIC_URL ? { publicUrl: process.env.PUBLIC_URL } : {}),
});

// Sampled, not getrusage's maxRSS: that one survives exec, so a child of a large parent would
// report the parent's size from the moment it was forked.
let peakRss = process.memoryUsage().rss;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25).unref();

const bench = new Hono().get("/bench/rss", (c) => {
  const cpu = process.cpuUsage();
  return c.json({
    peakRssKb: Math.round(peakRss / 1024),
    memory: process.memoryUsage(),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  });
});

// Each request goes through one app only, the bench's or the product's, as it would in production.
const isBench = (url: string) => url.startsWith("/bench/", url.indexOf("/", url.indexOf("//") + 2));
const fetchOne = (request: Request, env: unknown) =>
  isBench(request.url) ? bench.fetch(request, env) : app.fetch(request, env);

serve({ fetch: fetchOne, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});

// Exit through Node's own path on a signal, so --cpu-prof (when profiling) writes its profile.
process.once("SIGINT", () => process.exit(0));
