/** When `npm start` seeds the demo (domain/demo-seeding.ts): every combination of the facts. */
import { describe, expect, it } from "vitest";

import { demoSeeding } from "../../src/domain/demo-seeding.js";
import { DEFAULT_DATABASE_URL } from "../../src/env.js";

const URLS = [
  DEFAULT_DATABASE_URL,
  "file:other.db",
  "file:./data/app.db",
  "libsql://db.example.turso.io",
  "http://127.0.0.1:8080",
];

describe("demoSeeding", () => {
  it("seeds exactly when the database is the default file, empty, not production and not switched off", () => {
    for (const databaseUrl of URLS)
      for (const empty of [true, false])
        for (const production of [true, false])
          for (const switchedOff of [true, false]) {
            const decision = demoSeeding({
              databaseUrl,
              defaultDatabaseUrl: DEFAULT_DATABASE_URL,
              empty,
              production,
              switchedOff,
            });
            const expected = databaseUrl === "file:data/app.db" && empty && !production && !switchedOff;
            expect(decision.seed, JSON.stringify({ databaseUrl, empty, production, switchedOff })).toBe(expected);
          }
  });

  it("says why not, production first", () => {
    const facts = {
      databaseUrl: DEFAULT_DATABASE_URL,
      defaultDatabaseUrl: DEFAULT_DATABASE_URL,
      empty: true,
      production: false,
      switchedOff: false,
    };
    expect(demoSeeding({ ...facts, production: true, switchedOff: true, empty: false })).toEqual({
      seed: false,
      reason: "production",
    });
    expect(demoSeeding({ ...facts, switchedOff: true })).toEqual({ seed: false, reason: "switched_off" });
    expect(demoSeeding({ ...facts, databaseUrl: "libsql://db.example.turso.io" })).toEqual({
      seed: false,
      reason: "not_default_database",
    });
    expect(demoSeeding({ ...facts, empty: false })).toEqual({ seed: false, reason: "not_empty" });
  });
});
