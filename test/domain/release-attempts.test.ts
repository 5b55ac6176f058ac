/** The back-off between release attempts (release-attempts.ts): doubling from five minutes, at most a day. */
import { describe, expect, it } from "vitest";

import {
  ATTEMPT_ADVICE,
  ATTEMPT_REASONS,
  backoffMs,
  FIRST_BACKOFF_MS,
  nextAttemptAt,
} from "../../src/domain/release-attempts.js";

const DAY = 24 * 60 * 60 * 1000;

describe("backoffMs", () => {
  it("starts at five minutes and doubles with every attempt that made no release", () => {
    expect(FIRST_BACKOFF_MS).toBe(5 * 60 * 1000);
    for (let attempts = 1; attempts < 9; attempts++) expect(backoffMs(attempts + 1)).toBe(2 * backoffMs(attempts));
  });

  it("never waits more than a day, however many attempts failed", () => {
    for (const attempts of [10, 50, 1000, Number.MAX_SAFE_INTEGER]) expect(backoffMs(attempts)).toBe(DAY);
    for (let attempts = 1; attempts < 60; attempts++) expect(backoffMs(attempts)).toBeLessThanOrEqual(DAY);
  });

  it("puts the next attempt that long after now", () => {
    const now = new Date("2026-12-07T10:00:00Z");
    expect(nextAttemptAt(3, now)).toBe(new Date(now.getTime() + backoffMs(3)).toISOString());
  });
});

describe("ATTEMPT_ADVICE", () => {
  it("tells the consultant what to do for every reason, in Dutch and English", () => {
    for (const reason of ATTEMPT_REASONS) {
      expect(ATTEMPT_ADVICE[reason].nl.length).toBeGreaterThan(40);
      expect(ATTEMPT_ADVICE[reason].en.length).toBeGreaterThan(40);
    }
  });
});
