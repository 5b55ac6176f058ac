import { describe, expect, it } from "vitest";
import { availability, calendarDate, datesInOrder } from "../../src/domain/campaign.js";
import { pickLanguage } from "../../src/domain/i18n.js";
import { levelsBelow } from "../../src/domain/levels.js";

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
