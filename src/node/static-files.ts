/**
 * Node's view of the built public/ folder (dist/public): HTML pages read once, and static
 * assets served precompressed — fingerprinted files cached for a year, everything else revalidated.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { serveStatic } from "@hono/node-server/serve-static";

import type { PageStore } from "../app-env.js";

const BUILT_PUBLIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/public");

export function filePageStore(dir = BUILT_PUBLIC_DIR): PageStore {
  const cache = new Map<string, string>();
  return {
    async get(name) {
      let html = cache.get(name);
      if (html === undefined) {
        try {
          html = readFileSync(join(dir, `${name}.html`), "utf8");
        } catch {
          throw new Error(`Page ${name} is not built: run "npm run build" first`);
        }
        cache.set(name, html);
      }
      return html;
    },
  };
}

const FINGERPRINTED = /\.[0-9a-f]{10}\.\w+(\.br|\.gz)?$/;

export function staticFiles(dir = BUILT_PUBLIC_DIR) {
  return serveStatic({
    root: relative(process.cwd(), dir) || ".",
    precompressed: true,
    onFound: (path, c) => {
      c.header("Cache-Control", FINGERPRINTED.test(path) ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
}
