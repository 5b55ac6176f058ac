import { describe, expect, it } from "vitest";

import { roundResponseRate } from "../../src/domain/access-codes.js";
import {
  availability,
  calendarDate,
  datesInOrder,
  kCommentsAfter,
  refusedChanges,
  resultsDue,
  roundRuleProblems,
} from "../../src/domain/campaign.js";
import { pickLanguage } from "../../src/domain/i18n.js";
import { levelsBelow } from "../../src/domain/levels.js";
import { unitsFromEntries, unitsFromNames } from "../../src/domain/units.js";

describe("resultsDue", () => {
  const open = { status: "open" as const, opensOn: "2026-03-01", closesOn: "2026-03-31" };
  it("is due from the day after the closing date, not on it", () => {
    expect(resultsDue(open, "2026-03-31")).toBe(false);
    expect(resultsDue(open, "2026-04-01")).toBe(true);
  });
  it("is due at once for a round closed by hand, never for a draft or a round without an end", () => {
    expect(resultsDue({ ...open, status: "closed" }, "2026-03-10")).toBe(true);
    expect(resultsDue({ ...open, status: "draft" }, "2026-05-01")).toBe(false);
    expect(resultsDue({ status: "open", opensOn: null, closesOn: null }, "2030-01-01")).toBe(false);
  });
});

describe("roundResponseRate", () => {
  it("counts respondents over the headcount entered, else codes when the round requires them, to one decimal", () => {
    const codes = { issued: 150, used: 93 };
    const units = { department: unitsFromNames(["Sales", "Service"]) };
    // 150 codes for 400 staff: the rate is of the 400 the consultant entered, not of the codes.
    expect(roundResponseRate(93, { expectedHeadcount: 400, requireCode: true, units }, codes)).toEqual({
      pct: 23.3,
      basis: "headcount",
      of: 400,
    });
    expect(roundResponseRate(93, { expectedHeadcount: null, requireCode: true, units }, codes)).toEqual({
      pct: 62,
      basis: "codes",
      of: 150,
    });
    expect(roundResponseRate(93, { expectedHeadcount: 400, requireCode: false, units }, codes)).toEqual({
      pct: 23.3,
      basis: "headcount",
      of: 400,
    });
    expect(roundResponseRate(93, { expectedHeadcount: null, requireCode: false, units }, codes)).toBeNull();
  });

  it("adds up the departments' headcounts when the round has none, and only when every department has one", () => {
    const codes = { issued: 150, used: 93 };
    const counted = {
      department: unitsFromEntries([
        { name: "Sales", headcount: 120 },
        { name: "Service", headcount: 80 },
      ]),
    };
    expect(roundResponseRate(93, { expectedHeadcount: null, requireCode: true, units: counted }, codes)).toEqual({
      pct: 46.5,
      basis: "headcount",
      of: 200,
    });
    // The round's own headcount goes first.
    expect(roundResponseRate(93, { expectedHeadcount: 400, requireCode: true, units: counted }, codes)?.of).toBe(400);
    // One department without a count: the sum would understate the staff, so codes count.
    const partly = { department: unitsFromEntries([{ name: "Sales", headcount: 120 }, "Service"]) };
    expect(roundResponseRate(93, { expectedHeadcount: null, requireCode: true, units: partly }, codes)?.basis).toBe(
      "codes",
    );
  });
});

describe("availability", () => {
  const open = { status: "open" as const, opensOn: "2026-03-01", closesOn: "2026-03-31" };
  it("is open within the inclusive window", () => {
    expect(availability(open, "2026-03-01")).toBe("open");
    expect(availability(open, "2026-03-31")).toBe("open");
  });
  it("is not yet open before, closed after", () => {
    expect(availability(open, "2026-02-28")).toBe("not_yet_open");
    expect(availability(open, "2026-04-01")).toBe("closed");
  });
  it("follows the status first", () => {
    expect(availability({ ...open, status: "draft" }, "2026-03-10")).toBe("not_yet_open");
    expect(availability({ ...open, status: "closed" }, "2026-03-10")).toBe("closed");
    expect(availability({ status: "open", opensOn: null, closesOn: null }, "2030-01-01")).toBe("open");
  });
});

describe("calendarDate", () => {
  it("keeps the date and drops the time", () => {
    expect(calendarDate(new Date("2026-03-10T23:59:59Z"))).toBe("2026-03-10");
  });
});

describe("pickLanguage", () => {
  it("honours quality weights and falls back to Dutch", () => {
    expect(pickLanguage("en-GB,en;q=0.9")).toBe("en");
    expect(pickLanguage("de-DE,en;q=0.5,nl;q=0.8")).toBe("nl");
    expect(pickLanguage("fr, en;q=0.1")).toBe("en");
    expect(pickLanguage("fr")).toBe("nl");
    expect(pickLanguage("en;q=0")).toBe("nl");
    expect(pickLanguage(undefined)).toBe("nl");
  });
});

describe("levelsBelow", () => {
  it("lists the levels a level organises, top-down", () => {
    expect(levelsBelow("values").map((l) => l.id)).toEqual(["competencies", "skills", "behaviour", "context"]);
    expect(levelsBelow("context")).toEqual([]);
  });
});

describe("datesInOrder", () => {
  it("accepts open ends and the same day, refuses a close before the opening", () => {
    expect(datesInOrder({ opensOn: null, closesOn: null })).toBe(true);
    expect(datesInOrder({ opensOn: "2026-03-01", closesOn: null })).toBe(true);
    expect(datesInOrder({ opensOn: "2026-03-01", closesOn: "2026-03-01" })).toBe(true);
    expect(datesInOrder({ opensOn: "2026-03-02", closesOn: "2026-03-01" })).toBe(false);
  });
});

describe("changing a round", () => {
  const draft = { status: "draft" as const, opensOn: "2026-04-01", closesOn: "2026-04-30" };
  const running = { ...draft, status: "open" as const, opensOn: "2026-03-01" };
  it("lets a draft change anything but a closing date in the past", () => {
    expect(
      refusedChanges(
        draft,
        ["title", "departments", "instrument", "k", "kComments", "opensOn", "closesOn"],
        { closesOn: "2026-04-30" },
        "2026-03-10",
      ),
    ).toEqual([]);
    expect(refusedChanges(draft, ["closesOn"], { closesOn: "2026-03-09" }, "2026-03-10")).toEqual([
      { path: "closesOn", code: "closesInPast", message: expect.stringContaining("past") },
    ]);
  });
  it("keeps an open round's title, units, instrument and minimum groups, and its opening date once it opened", () => {
    expect(
      refusedChanges(running, ["title", "k", "closesOn", "contact", "expectedHeadcount"], {}, "2026-03-10").map(
        (r) => r.path,
      ),
    ).toEqual(["title", "k"]);
    expect(refusedChanges(running, ["opensOn"], {}, "2026-03-10").map((r) => r.path)).toEqual(["opensOn"]);
    expect(refusedChanges({ ...running, opensOn: "2026-03-20" }, ["opensOn"], {}, "2026-03-10")).toEqual([]);
  });
  it("moves the comments' minimum with k only while it is k's default", () => {
    expect(kCommentsAfter({ k: 5, kComments: 10 }, { k: 12 })).toBe(12);
    expect(kCommentsAfter({ k: 5, kComments: 15 }, { k: 12 })).toBe(15);
    expect(kCommentsAfter({ k: 5, kComments: 10 }, { k: 12, kComments: 20 })).toBe(20);
  });
  it("checks the settings together: comments from k, codes need k of 5, dates in order", () => {
    expect(
      roundRuleProblems({ k: 5, kComments: 10, requireCode: true, opensOn: "2026-04-01", closesOn: "2026-04-30" }),
    ).toEqual([]);
    expect(
      roundRuleProblems({ k: 4, kComments: 3, requireCode: true, opensOn: "2026-05-01", closesOn: "2026-04-30" }).map(
        (p) => p.path,
      ),
    ).toEqual(["kComments", "k", "closesOn"]);
  });
});
