/**
 * The pages' translation catalogues (public/js/i18n) and the one helper that says a server error
 * (public/js/lib/errors.ts): every language has the Dutch keys with the same placeholders, every key
 * the HTML names exists, error texts are keyed by real error codes, and an error is said in the
 * area's words, the general words, or the server's own message, in that order.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { CATALOGUES, isTextKey, type Lang, textIn, type TextKey } from "../../public/js/i18n/index.js";
import { errorSaying, errorText } from "../../public/js/lib/errors.js";
import { ERROR_CODES } from "../../src/lib/error-codes.js";

const publicDir = join(import.meta.dirname, "../../public");
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const t = (lang: Lang) => (key: TextKey, vars?: Record<string, string | number>) => textIn(lang, key, vars);
const refusal = (code: string, message: string, details: unknown[] = []) => ({ error: { code, message, details } });

describe("the catalogues", () => {
  it("give every language the Dutch keys, each with the same placeholders", () => {
    const keys = Object.keys(CATALOGUES.nl).sort();
    expect(keys.length).toBeGreaterThan(400);
    for (const catalogue of Object.values(CATALOGUES)) {
      expect(Object.keys(catalogue).sort()).toEqual(keys);
      for (const key of keys as TextKey[]) {
        expect(catalogue[key].trim(), key).not.toBe("");
        expect(placeholders(catalogue[key]), key).toEqual(placeholders(CATALOGUES.nl[key]));
      }
    }
  });

  it("have a text for every key the pages' HTML names (data-t, data-i18n, data-title)", () => {
    const named = readdirSync(publicDir)
      .filter((f) => f.endsWith(".html"))
      .flatMap((f) =>
        [...readFileSync(join(publicDir, f), "utf8").matchAll(/data-(?:t|i18n|title)="([^"]+)"/g)].map((m) => ({
          file: f,
          key: m[1],
        })),
      );
    expect(named.length).toBeGreaterThan(100);
    expect(named.filter((n) => !isTextKey(n.key))).toEqual([]);
  });

  it("key error texts by codes from the closed list", () => {
    const codes = Object.keys(CATALOGUES.nl).flatMap((k) => /(?:^|\.)error\.(\w+)$/.exec(k)?.slice(1) ?? []);
    expect(codes.length).toBeGreaterThan(10);
    expect(codes.filter((c) => !Object.hasOwn(ERROR_CODES, c))).toEqual([]);
  });

  it("fill placeholders and leave a missing value empty", () => {
    expect(textIn("en", "codesBeside", { used: 3, issued: 10 })).toBe("3 of 10 codes used");
    expect(textIn("nl", "codesBeside", { used: 3 })).toBe("3 van  codes gebruikt");
  });
});

describe("errorText", () => {
  it("says a code in the area's own words before the general ones, else in the server's message", () => {
    const notFound = { status: 404, body: refusal("not_found", "No such campaign") };
    expect(errorText(t("nl"), notFound, { area: "survey" })).toBe(CATALOGUES.nl["survey.error.not_found"]);
    expect(errorText(t("en"), notFound, { area: "actionPlan" })).toBe(CATALOGUES.en["actionPlan.error.not_found"]);
    expect(errorText(t("nl"), notFound)).toBe("No such campaign");
    const credentials = { status: 401, body: refusal("invalid_credentials", "Wrong") };
    expect(errorText(t("en"), credentials)).toBe(CATALOGUES.en["error.invalid_credentials"]);
  });

  it("reads an error body without details or message, as a proxy or a stub may send it", () => {
    const bare = { status: 409, body: { error: { code: "too_many_actions" } } };
    expect(errorText(t("en"), bare, { area: "actionPlan", vars: { n: 40 } })).toBe(
      textIn("en", "actionPlan.error.too_many_actions", { n: 40 }),
    );
    expect(errorText(t("nl"), { status: 418, body: { error: { code: "internal" } } })).toBe("Fout 418");
  });

  it("says an answer without an error body by its status, or the area's fallback with the status", () => {
    expect(errorText(t("nl"), { status: 502, body: {} })).toBe("Fout 502");
    expect(errorText(t("en"), { status: 502, body: null })).toBe("Error 502");
    const other = errorText(
      t("en"),
      { status: 500, body: refusal("internal", "boom") },
      { otherwise: "actionPlan.failed" },
    );
    expect(other).toBe(textIn("en", "actionPlan.failed", { status: 500 }));
    expect(other).toContain("500");
  });

  it("says a reason carried in a detail: a password's problem, a refused filter", () => {
    const weak = refusal("weak_password", "weak", [{ path: "password", message: "too_common" }]);
    expect(errorText(t("en"), { status: 400, body: weak })).toBe(CATALOGUES.en["password.too_common"]);
    const filter = refusal("filter_refused", "refused", [{ path: "filter", message: "hidden_unit" }]);
    expect(errorText(t("nl"), { status: 422, body: filter })).toBe(CATALOGUES.nl["refusedFilter.hidden_unit"]);
  });

  it("gives the minutes to wait from a retryAfter detail", () => {
    const body = refusal("too_many_attempts", "slow down", [{ path: "retryAfter", message: "600" }]);
    expect(errorText(t("en"), { status: 429, body })).toBe(textIn("en", "error.too_many_attempts", { minutes: 10 }));
  });

  it("lists each refused field by name, a known rule in the page's words and any other in the server's", () => {
    const body = refusal("invalid_request", "bad", [
      { path: "kComments", message: "kComments may not be below k", code: "commentsBelowK" },
      { path: "title", message: "Too long" },
    ]);
    const text = errorText(t("en"), { status: 400, body }, { field: (path) => `<${path}>` });
    expect(text).toBe(
      `${CATALOGUES.en.refused} <kComments>: ${CATALOGUES.en["refusal.commentsBelowK"]}; <title>: Too long.`,
    );
  });

  it("gives the key and values for a page that says the error again on a language switch", () => {
    const said = errorSaying(
      { status: 409, body: refusal("too_many_actions", "full") },
      { area: "actionPlan", vars: { n: 12 } },
    );
    expect(said?.key).toBe("actionPlan.error.too_many_actions");
    expect(textIn("en", said?.key ?? "refused", said?.vars)).toContain("12");
    expect(errorSaying({ status: 409, body: refusal("too_many_actions", "full") })).toBeNull();
  });
});
