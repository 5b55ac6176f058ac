/** The app as the Node server runs it: built pages and precompressed assets from disk, the socket's address for rate limits. */
import { getConnInfo } from "@hono/node-server/conninfo";
import { createHash } from "node:crypto";
import { createApp } from "../app.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import type { Mailer } from "../lib/mailer.js";
import type { Db } from "../storage/database.js";
import { filePageStore, staticFiles } from "./static-files.js";

export function createNodeApp(db: Db, instruments: InstrumentRegistry, options: { submissionsPerHour?: number; mailer?: Mailer; publicUrl?: string } = {}) {
  return createApp({
    ...options,
    db,
    instruments,
    pages: filePageStore(),
    serveStatic: staticFiles(),
    compressApi: true,
    // Read only to rate-limit (logins; respondents as a keyed hash in memory). Behind a reverse
    // proxy this is the proxy's address, so every client shares one budget (README, threat model).
    clientAddress: (c) => getConnInfo(c).remote.address,
    // Synchronous: WebCrypto's digest hops to a thread pool, which costs more than the hash itself.
    sha256: (text) => createHash("sha256").update(text).digest("hex"),
  });
}
