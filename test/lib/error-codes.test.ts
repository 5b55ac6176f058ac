/** The API's error codes are a closed list: the OpenAPI document names them, and every answer's code is one of them. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ERROR_CODE_LIST, ERROR_CODES, isRoutine } from "../../src/lib/error-codes.js";
import { createTestApp, postJson, type TestApp } from "../helpers/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("error codes", () => {
  it("are listed in the OpenAPI document's Error schema, each with error statuses", async () => {
    const doc = await (await t.app.request("/api/openapi.json")).json();
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(ERROR_CODE_LIST);
    for (const code of ERROR_CODE_LIST) {
      expect(code).toMatch(/^[a-z_]+$/);
      for (const status of ERROR_CODES[code].statuses) expect(status >= 400 && status < 600, code).toBe(true);
    }
  });

  it("answer refusals the framework makes (malformed JSON, cross-site posts) from the list too", async () => {
    const malformed = await t.app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost" },
      body: "{",
    });
    const crossSite = await t.app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: "email=a",
    });
    const missing = await postJson(t.app, "/api/s/no-such-link/responses", {
      submissionId: crypto.randomUUID(),
      answers: {},
    });
    for (const res of [malformed, crossSite, missing]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(ERROR_CODE_LIST).toContain((await res.json()).error.code);
    }
  });

  it("mark only a release being made as a routine 5xx: every other server error is a failure to log", () => {
    expect(ERROR_CODE_LIST.filter((code) => isRoutine(code))).toEqual(["release_running"]);
    for (const code of [undefined, "internal", "release_retrying", "constructor", "toString"])
      expect(isRoutine(code)).toBe(false);
  });
});
