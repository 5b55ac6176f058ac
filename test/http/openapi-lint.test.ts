/**
 * The OpenAPI document the app serves passes Redocly's recommended rules (redocly.yaml): no errors,
 * and no warning but the one accepted below. Problems are printed when it fails.
 */
import { describe, expect, it } from "vitest";

import { lintOpenApi, type LintProblem, servedOpenApiDocument } from "../helpers/openapi-lint.js";

/**
 * Warnings that are right for this API: the health check has no 4xx answer to describe (it takes
 * no input and no session; it is healthy, 200, or not, 503).
 */
const ACCEPTED = [{ ruleId: "operation-4xx-response", pointer: "#/paths/~1healthz/get/responses" }];
const accepted = (p: LintProblem) =>
  ACCEPTED.some((a) => a.ruleId === p.ruleId && p.location.some((l) => l.pointer === a.pointer));

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended rules", async () => {
    const { problems } = lintOpenApi(await servedOpenApiDocument(), "json");
    const report = problems.list
      .filter((p) => !accepted(p))
      .map((p) => `${p.severity} ${p.ruleId} at ${p.location.map((l) => l.pointer).join(", ")}: ${p.message}`);
    expect(report.join("\n")).toBe("");
    expect(problems.errors).toBe(0);
  }, 60_000);
});
