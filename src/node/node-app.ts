/** The app as the Node server runs it: built pages and precompressed assets from disk, the socket's address for rate limits. */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

import { createApp } from "../app.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { forwardedClient, forwardedScheme } from "../lib/forwarded.js";
import type { LogLevel, LogSink } from "../lib/log.js";
import type { Mailer } from "../lib/mailer.js";
import type { Db } from "../storage/database.js";
import { nodeReleaseBytes } from "./release-memory.js";
import { filePageStore, staticFiles } from "./static-files.js";

export interface NodeAppOptions {
  submissionsPerHour?: number;
  /** TRUST_PROXY: read the client's address and scheme from the proxy's X-Forwarded-For and X-Forwarded-Proto (lib/forwarded.ts). */
  trustProxy?: boolean;
  loginKeySecret?: string;
  invitationKeySecret?: string;
  mailer?: Mailer;
  publicUrl?: string;
  logLevel?: LogLevel;
  logSink?: LogSink;
}

export function createNodeApp(db: Db, instruments: InstrumentRegistry, options: NodeAppOptions = {}) {
  const { trustProxy = false, ...rest } = options;
  const socketAddress = (c: Context) => getConnInfo(c).remote.address;
  const urlScheme = (c: Context) => (new URL(c.req.url).protocol === "https:" ? "https" : "http") as "http" | "https";
  return createApp({
    ...rest,
    db,
    instruments,
    pages: filePageStore(),
    serveStatic: staticFiles(),
    compressApi: true,
    // Read only to rate-limit (logins; respondents as a keyed hash in memory). Behind a reverse
    // proxy the socket's address is the proxy's, so every client would share one budget: with
    // TRUST_PROXY the proxy's X-Forwarded-For says whose it is; without, the header is ignored.
    clientAddress: trustProxy
      ? (c) => forwardedClient(c.req.header("x-forwarded-for")) ?? socketAddress(c)
      : socketAddress,
    requestScheme: trustProxy ? (c) => forwardedScheme(c.req.header("x-forwarded-proto")) ?? urlScheme(c) : urlScheme,
    // A release folds no more than this process's heap holds (--max-old-space-size).
    releaseBytes: nodeReleaseBytes(),
  });
}
