/**
 * Builds public/ into dist/public: bundles each page script with esbuild, copies styles,
 * fingerprints every asset (so it can be cached for a year), rewrites the HTML to the
 * fingerprinted names and precompresses everything with brotli and gzip.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { build } from "esbuild";

const root = resolve(import.meta.dirname, "..");
const src = join(root, "public");
const out = join(root, "dist", "public");
const assetsOut = join(out, "assets");

function fingerprint(name: string, content: Uint8Array): string {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 10);
  const ext = extname(name);
  return `${basename(name, ext)}.${hash}${ext}`;
}

function writeCompressed(path: string, content: Uint8Array): void {
  writeFileSync(path, content);
  writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(assetsOut, { recursive: true });
  const manifest: Record<string, string> = {};
  const emit = (name: string, content: Uint8Array) => {
    const hashed = fingerprint(name, content);
    writeCompressed(join(assetsOut, hashed), content);
    manifest[`/assets/${name}`] = `/assets/${hashed}`;
  };

  const scripts = readdirSync(join(src, "js")).filter((f) => f.endsWith(".ts"));
  const result = await build({
    entryPoints: scripts.map((f) => join(src, "js", f)),
    bundle: true,
    minify: true,
    format: "iife",
    // Components in .tsx files build their DOM with hono/jsx/dom, which sets names as text, never as HTML.
    jsx: "automatic",
    jsxImportSource: "hono/jsx/dom",
    target: "es2020",
    legalComments: "none",
    write: false,
    outdir: "out",
    logLevel: "warning",
  });
  for (const file of result.outputFiles) emit(basename(file.path), file.contents);

  emit("survey-core.css", readFileSync(join(root, "node_modules/survey-core/survey-core.fontless.min.css")));
  for (const css of readdirSync(join(src, "css"))) emit(css, readFileSync(join(src, "css", css)));

  for (const page of readdirSync(src).filter((f) => f.endsWith(".html"))) {
    let html = readFileSync(join(src, page), "utf8");
    html = html.replace(/\/assets\/[\w.-]+/g, (ref) => {
      const hashed = manifest[ref];
      if (!hashed) throw new Error(`${page} refers to ${ref}, which the build does not produce`);
      return hashed;
    });
    writeCompressed(join(out, page), new TextEncoder().encode(html));
  }
  writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2));
  // Cloudflare static assets: fingerprinted files are immutable; the platform compresses by
  // itself, so the precompressed copies (for the Node server) are not uploaded.
  writeFileSync(join(out, "_headers"), "/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n");
  writeFileSync(join(out, ".assetsignore"), "*.br\n*.gz\nmanifest.json\n");
}

await main();
