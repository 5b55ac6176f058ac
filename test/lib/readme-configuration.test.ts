/** README's Configuration table names every variable src/env.ts reads, so an operator finds each one documented. */
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { ENV_VARIABLES } from "../../src/env.js";

describe("README Configuration table", () => {
  it("has a row for every variable src/env.ts parses", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(
      readme.indexOf("## Configuration"),
      readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1),
    );
    const documented = new Set(
      section
        .split("\n")
        .filter((line) => line.startsWith("| `"))
        .flatMap((line) => [...line.split("|")[1]!.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!)),
    );
    expect(ENV_VARIABLES.length).toBeGreaterThanOrEqual(17);
    expect(ENV_VARIABLES.filter((name) => !documented.has(name))).toEqual([]);
  });
});
