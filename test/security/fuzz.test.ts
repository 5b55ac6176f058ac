/**
 * Property-based fuzzing (fast-check) of the submission endpoint and the admin endpoints:
 * wrong types, huge and unicode strings, deep nesting, __proto__/constructor keys, invalid
 * UTF-8 and wrong content types. Every answer is a 4xx with a clear JSON error, or a 2xx for
 * input that happens to be valid — never a 5xx — and only the 2xx answers wrote anything.
 * 300 cases per endpoint in `npm test`; SECURITY_FULL=1 (npm run bench) runs 10,000.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Campaign } from "../../src/domain/campaign.js";
import { campaignDefaults } from "../../src/domain/campaign.js";
import { createInstrumentRegistry, DEFAULT_INSTRUMENT_ID } from "../../src/instruments/registry.js";
import { hashPassword } from "../../src/lib/password.js";
import { createUser } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { countResponses } from "../../src/storage/responses.js";
import { createTestApp, loginCookie, type TestApp, validAnswers } from "../helpers/test-app.js";

const RUNS = process.env.SECURITY_FULL ? 10_000 : 300;
/** Sized for the runs on a loaded 2-core machine, not for the happy path: 10,000 cases take minutes there. */
const TIMEOUT = process.env.SECURITY_FULL ? 900_000 : 180_000;
const instrument = createInstrumentRegistry().latest(DEFAULT_INSTRUMENT_ID)!;

let t: TestApp;
let campaign: Campaign;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  const consultant = await createUser(t.db, "fuzz@consult.test", await hashPassword("fuzz-password-1"), "consultant");
  const organisation = await createOrganisation(t.db, "Fuzz BV", consultant.id);
  campaign = await createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales", "Service"]),
    organisationId: organisation.id,
    title: "Fuzz",
  });
  cookie = await loginCookie(t.app, "fuzz@consult.test", "fuzz-password-1");
});
afterAll(() => t.close());

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "",
];
const NASTY_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "", "𝔘𝔫𝔦", "a".repeat(300)];

/** JSON values, nested deep, with keys that break naive code. */
const nasty = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    fc.string({ unit: "grapheme", maxLength: 50 }),
    fc.constant("x".repeat(70_000)),
    fc.integer(),
    fc.double(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 8 })), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** Raw bytes that are not UTF-8: a JSON-looking prefix, then a lone continuation byte or an overlong sequence. */
const invalidUtf8 = (maxLength: number) =>
  fc
    .tuple(fc.uint8Array({ maxLength }), fc.constantFrom([0x80], [0xc0, 0xaf], [0xff, 0xfe], [0xed, 0xa0, 0x80]))
    .map(
      ([bytes, broken]) =>
        new Uint8Array([
          ...new TextEncoder().encode('{"answers":{"comment":"'),
          ...broken,
          ...bytes,
          ...new TextEncoder().encode('"}}'),
        ]),
    );

const deep = fc.integer({ min: 50, max: 3000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth));

/** A body: valid-looking submissions with one part broken, arbitrary JSON, raw bytes or deep nesting. */
const submissionBodies = fc.oneof(
  fc
    .record({
      key: fc.oneof(fc.constantFrom(...Object.keys(validAnswers(instrument))), fc.constantFrom(...NASTY_KEYS)),
      value: nasty,
      id: fc.oneof(fc.uuid(), nasty),
    })
    .map(({ key, value, id }) => {
      const answers: Record<string, unknown> = { ...validAnswers(instrument) };
      Object.defineProperty(answers, key, { value, enumerable: true, configurable: true, writable: true });
      return JSON.stringify({ submissionId: id, answers });
    }),
  nasty.map((v) => JSON.stringify(v) ?? "null"),
  invalidUtf8(2000),
  deep,
);

interface Outcome {
  ok: number;
}

async function expectClean(res: Response, route: string): Promise<boolean> {
  expect(res.status, route).toBeLessThan(500);
  if (res.status >= 400) {
    const body = await res.json();
    expect(typeof body.error.code, route).toBe("string");
    expect(body.error.message.length, route).toBeGreaterThan(0);
    return false;
  }
  return true;
}

describe("fuzzing", () => {
  it(
    `the submission endpoint: ${RUNS} hostile bodies, never a 5xx, nothing stored but valid input`,
    async () => {
      const outcome: Outcome = { ok: 0 };
      await fc.assert(
        fc.asyncProperty(submissionBodies, fc.constantFrom(...CONTENT_TYPES), async (body, type) => {
          const res = await t.app.request(`/api/s/${campaign.token}/responses`, {
            method: "POST",
            headers: type ? { "content-type": type } : {},
            body,
          });
          if (await expectClean(res, "submission")) outcome.ok++;
        }),
        { numRuns: RUNS },
      );
      expect(await countResponses(t.db, campaign.id)).toBe(outcome.ok);
      expect(Object.keys(Object.prototype)).toEqual([]);
    },
    TIMEOUT,
  );

  const admin: [string, string, string][] = [
    ["POST", "/api/organisations", "organisations"],
    ["POST", "/api/organisations/{org}/campaigns", "campaigns"],
    ["PATCH", "/api/campaigns/{campaign}", ""],
    ["POST", "/api/instruments", "instruments"],
    ["POST", "/api/organisations/{org}/invitations", "invitations"],
    ["POST", "/api/auth/password-reset", "password_resets"],
    ["POST", "/api/auth/login", ""],
    // Takes no body: whatever is sent, a publication is refused (one organisation) and stores nothing.
    ["POST", "/api/norm-sets", "norm_sets"],
  ];
  it(
    `POST /api/instruments: ${RUNS} near-valid SurveyJS instruments with broken parts, never a 5xx`,
    async () => {
      const element = fc.record(
        {
          type: fc.constantFrom(
            "rating",
            "checkbox",
            "radiogroup",
            "dropdown",
            "comment",
            "text",
            "html",
            "boolean",
            "matrix",
            "panel",
            "imagepicker",
            "expression",
            "nonsense",
          ),
          name: fc.oneof(fc.constantFrom("q1", "q2", "q1", ""), fc.string({ maxLength: 6 })),
          title: fc.oneof(fc.string({ maxLength: 20 }), fc.record({ nl: fc.string(), en: fc.string() }), nasty),
          level: fc.oneof(fc.constantFrom("mission", "values", "context", "nope"), nasty),
          scale: fc.constantFrom("mandate", undefined, 7),
          perspective: fc.constantFrom("desired", "current", undefined, 3),
          rateMin: fc.oneof(fc.constant(1), fc.integer({ min: -3, max: 9 })),
          rateMax: fc.oneof(fc.constant(5), fc.integer({ min: -3, max: 12 })),
          choices: fc.oneof(
            fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("policy", "customer_needs"), nasty), {
              maxLength: 4,
            }),
            nasty,
          ),
          decision: fc.constantFrom("factors", "most", undefined, "x"),
          grouping: fc.constantFrom("department", "role", "tenure", undefined, "shoe size"),
          choicesFromQuestion: fc.constantFrom("q1", "q2", undefined),
          html: fc.oneof(
            fc.string({ maxLength: 30 }),
            fc.constant("<p>ok</p>"),
            fc.constant("<img src=x onerror=alert(1)>"),
          ),
          elements: fc.oneof(fc.constant(undefined), nasty),
        },
        { requiredKeys: ["type", "name"] },
      );
      const instrument = fc.record({
        instrumentId: fc.constantFrom("fuzz-scan", "fuzz-scan-2"),
        pages: fc.array(
          fc.record({ name: fc.string({ maxLength: 4 }), elements: fc.array(element, { maxLength: 6 }) }),
          {
            maxLength: 3,
          },
        ),
      });
      const before = Number((await t.client.execute("select count(*) as n from instruments")).rows[0]!.n);
      let stored = 0;
      await fc.assert(
        fc.asyncProperty(instrument, async (json) => {
          const res = await t.app.request("/api/instruments", {
            method: "POST",
            headers: { cookie, origin: "http://localhost", "content-type": "application/json" },
            body: JSON.stringify(json),
          });
          if ((await expectClean(res, "instrument")) && res.status === 201) stored++;
        }),
        { numRuns: RUNS },
      );
      expect(Number((await t.client.execute("select count(*) as n from instruments")).rows[0]!.n)).toBe(
        before + stored,
      );
    },
    TIMEOUT,
  );

  it.each(admin)(
    `%s %s: ${RUNS} hostile bodies, never a 5xx`,
    async (method, template, table) => {
      const path = template.replace("{org}", campaign.organisationId).replace("{campaign}", campaign.id);
      const count = async () =>
        table ? Number((await t.client.execute(`select count(*) as n from ${table}`)).rows[0]!.n) : 0;
      const before = await count();
      let ok = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            nasty.map((v) => JSON.stringify(v) ?? "null"),
            deep,
            invalidUtf8(500),
          ),
          fc.constantFrom(...CONTENT_TYPES),
          async (body, type) => {
            const res = await t.app.request(path, {
              method,
              headers: { cookie, origin: "http://localhost", ...(type ? { "content-type": type } : {}) },
              body,
            });
            if ((await expectClean(res, path)) && res.status === 201) ok++;
          },
        ),
        { numRuns: RUNS },
      );
      if (table) expect(await count()).toBe(before + ok);
      expect(Object.keys(Object.prototype)).toEqual([]);
    },
    TIMEOUT,
  );
});
