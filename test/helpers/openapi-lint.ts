/**
 * The OpenAPI document as the app serves it, and Redocly's verdict on it. Redocly's CLI is run
 * (its programmatic core is bundled inside @redocly/cli, not a package of its own) on the document
 * written to a temporary file, with the repository's redocly.yaml.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { createTestApp } from "./test-app.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The document from GET /api/openapi.json of an app on a fresh temporary database. */
export async function servedOpenApiDocument(): Promise<string> {
  const t = await createTestApp();
  try {
    const res = await t.app.request("/api/openapi.json");
    if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}`);
    return await res.text();
  } finally {
    await t.close();
  }
}

export interface LintProblem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  location: { pointer: string }[];
}

/** `format`: json for a program to read the problems, stylish for a person. */
export function lintOpenApi(
  document: string,
  format: "json" | "stylish",
): { problems: { errors: number; warnings: number; list: LintProblem[] }; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "openapi-lint-"));
  try {
    const file = join(dir, "openapi.json");
    writeFileSync(file, document);
    const run = (f: string) =>
      spawnSync(
        process.execPath,
        [
          join(root, "node_modules/@redocly/cli/bin/cli.js"),
          "lint",
          file,
          "--config",
          join(root, "redocly.yaml"),
          `--format=${f}`,
          "--max-problems=1000",
        ],
        { encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
      );
    const json = run("json");
    const parsed = JSON.parse(json.stdout) as {
      totals: { errors: number; warnings: number };
      problems: LintProblem[];
    };
    const output =
      format === "json"
        ? json.stdout
        : (() => {
            const stylish = run("stylish");
            return `${stylish.stdout}${stylish.stderr}`;
          })();
    return { problems: { ...parsed.totals, list: parsed.problems }, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
