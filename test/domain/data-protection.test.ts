/** The pure rules of data protection: what may be deleted by whom, and when retention deletes what. */
import { describe, expect, it } from "vitest";

import {
  accountDeletion,
  addMonths,
  emptyFootprint,
  retentionDates,
  retentionDeletesNow,
  retentionDue,
  roundDeletion,
  sumFootprints,
} from "../../src/domain/data-protection.js";

describe("deleting a round", () => {
  it("needs confirm only while the round runs", () => {
    expect(roundDeletion("draft", false).allowed).toBe(true);
    expect(roundDeletion("closed", false).allowed).toBe(true);
    expect(roundDeletion("open", false)).toMatchObject({ allowed: false, code: "round_running" });
    expect(roundDeletion("open", true).allowed).toBe(true);
  });

  it("sums rounds' footprints part by part", () => {
    const a = { ...emptyFootprint(), responses: 3, comments: 2 };
    const b = { ...emptyFootprint(), comments: 1, codes: 5 };
    expect(sumFootprints([a, b])).toMatchObject({ responses: 3, comments: 3, codes: 5, groups: 0 });
  });
});

describe("deleting an account", () => {
  const consultant = { id: "c", role: "consultant" as const };
  const manager = { id: "m", role: "manager" as const };
  it("lets a consultant delete a manager of only their own organisations", () => {
    expect(
      accountDeletion({ actor: consultant, target: manager, targetGrants: ["o1"], actorOwns: ["o1", "o2"] }).allowed,
    ).toBe(true);
    expect(
      accountDeletion({ actor: consultant, target: manager, targetGrants: ["o1", "x"], actorOwns: ["o1"] }),
    ).toMatchObject({ status: 409, code: "manager_elsewhere" });
    expect(
      accountDeletion({ actor: consultant, target: manager, targetGrants: ["x"], actorOwns: ["o1"] }),
    ).toMatchObject({ status: 404 });
    // Invited but not yet accepted: the consultant may still erase the account.
    expect(
      accountDeletion({
        actor: consultant,
        target: manager,
        targetGrants: [],
        targetInvitedTo: ["o1"],
        actorOwns: ["o1"],
      }).allowed,
    ).toBe(true);
  });
  it("never lets anyone delete another consultant, nor a manager anyone else", () => {
    expect(
      accountDeletion({
        actor: consultant,
        target: { id: "c2", role: "consultant" },
        targetGrants: [],
        actorOwns: ["o1"],
      }),
    ).toMatchObject({ status: 404 });
    expect(
      accountDeletion({ actor: manager, target: { id: "m2", role: "manager" }, targetGrants: ["o1"], actorOwns: [] }),
    ).toMatchObject({ status: 404 });
    expect(accountDeletion({ actor: consultant, target: undefined, targetGrants: [], actorOwns: [] })).toMatchObject({
      status: 404,
    });
  });
  it("lets an account delete itself, a consultant only once they run no organisation", () => {
    expect(accountDeletion({ actor: manager, target: manager, targetGrants: ["o1"], actorOwns: [] }).allowed).toBe(
      true,
    );
    expect(
      accountDeletion({ actor: consultant, target: consultant, targetGrants: [], actorOwns: ["o1"] }),
    ).toMatchObject({ status: 409, code: "owns_organisations" });
    expect(accountDeletion({ actor: consultant, target: consultant, targetGrants: [], actorOwns: [] }).allowed).toBe(
      true,
    );
  });
});

describe("retention", () => {
  it("adds months on the same day, or the month's last", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2026-03-10", 12)).toBe("2027-03-10");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
  });
  it("deletes comments half-way (rounded up) and the round at the end", () => {
    expect(retentionDates("2026-03-10", 24)).toEqual({ commentsOn: "2027-03-10", roundOn: "2028-03-10" });
    expect(retentionDates("2026-03-10", 13)).toEqual({ commentsOn: "2026-10-10", roundOn: "2027-04-10" });
    expect(retentionDue("2026-03-10", 24, "2027-03-09")).toBe("none");
    expect(retentionDue("2026-03-10", 24, "2027-03-10")).toBe("comments");
    expect(retentionDue("2026-03-10", 24, "2028-03-10")).toBe("round");
    expect(retentionDue("2026-03-10", null, "2099-01-01")).toBe("none");
  });
});

describe("retentionDeletesNow", () => {
  const releases = [
    { releasedOn: "2024-01-15", comments: 7 },
    { releasedOn: "2025-06-01", comments: 3 },
    { releasedOn: "2026-02-01", comments: 5 },
  ];
  it("counts whole rounds past the period and the comments of rounds past its half", () => {
    // 12 months on 2026-03-10: the 2024 round is past its end; the 2025-06 one past its half (6 months).
    expect(retentionDeletesNow(releases, 12, "2026-03-10")).toEqual({ rounds: 1, comments: 3 });
    expect(retentionDeletesNow(releases, 36, "2026-03-10")).toEqual({ rounds: 0, comments: 7 });
    expect(retentionDeletesNow(releases, 120, "2026-03-10")).toEqual({ rounds: 0, comments: 0 });
  });
  it("deletes nothing without a period, or without released rounds", () => {
    expect(retentionDeletesNow(releases, null, "2099-01-01")).toEqual({ rounds: 0, comments: 0 });
    expect(retentionDeletesNow([], 12, "2099-01-01")).toEqual({ rounds: 0, comments: 0 });
  });
  it("agrees with retentionDue round by round", () => {
    for (const today of ["2025-01-15", "2026-03-10", "2027-07-01"])
      for (const months of [12, 24, 60]) {
        const due = releases.map((r) => retentionDue(r.releasedOn, months, today));
        expect(retentionDeletesNow(releases, months, today)).toEqual({
          rounds: due.filter((d) => d === "round").length,
          comments: releases.reduce((n, r, i) => n + (due[i] === "comments" ? r.comments : 0), 0),
        });
      }
  });
});
