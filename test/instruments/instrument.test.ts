import { describe, expect, it } from "vitest";

import { FACTOR_IDS } from "../../src/domain/factors.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { InstrumentError, loadInstrument } from "../../src/instruments/instrument.js";
import instrumentJson from "../../surveys/customer-centricity-v1.json" with { type: "json" };
import { untranslatedTexts } from "../helpers/instrument-texts.js";

const base = instrumentJson as Record<string, unknown>;
const clone = () =>
  structuredClone(base) as { pages: { elements: Record<string, unknown>[] }[] } & Record<string, unknown>;

describe("the default instrument", () => {
  const instrument = loadInstrument(base);

  it("has at least four items per level, some reverse-keyed", () => {
    for (const level of LEVEL_IDS) {
      expect(instrument.key.items.filter((i) => i.level === level).length, level).toBeGreaterThanOrEqual(4);
    }
    expect(instrument.key.items.filter((i) => i.level).length).toBeGreaterThanOrEqual(28);
    expect(instrument.key.items.filter((i) => i.reverse).length).toBeGreaterThanOrEqual(3);
  });

  it("asks about every decision factor, the one that weighed most, and the decision climate", () => {
    const factors = instrument.questions.find((q) => q.name === instrument.key.factorsQuestion);
    expect(factors).toMatchObject({ kind: "multi", required: true });
    expect([...(factors as unknown as { choices: string[] }).choices].sort()).toEqual([...FACTOR_IDS].sort());
    expect(instrument.questions.find((q) => q.name === instrument.key.mostQuestion)).toMatchObject({
      kind: "single",
      subsetOf: "decision_factors",
    });
    expect(new Set(instrument.key.items.flatMap((i) => (i.scale ? [i.scale] : [])))).toEqual(
      new Set(["mandate", "accountability_fear", "equal_treatment"]),
    );
  });

  it("groups by department, role and tenure and has an optional comment", () => {
    expect(instrument.groupings).toEqual({ department: "department", role: "role", tenure: "tenure" });
    expect(instrument.commentQuestion).toBe("comment");
    expect(instrument.questions.find((q) => q.name === "comment")).toEqual({
      kind: "text",
      name: "comment",
      required: false,
      maxLength: 2000,
    });
  });

  it("has about 40 questions, every text in Dutch and English", () => {
    expect(instrument.questions.length).toBeGreaterThanOrEqual(38);
    expect(instrument.questions.length).toBeLessThanOrEqual(45);
    expect(untranslatedTexts(base)).toEqual([]);
  });
});

describe("loadInstrument rejects a broken instrument, naming the item", () => {
  const broken = (mutate: (json: ReturnType<typeof clone>) => void) => {
    const json = clone();
    mutate(json);
    return () => loadInstrument(json);
  };

  it("an unknown level", () => {
    expect(broken((j) => (j.pages[0]!.elements[0]!.level = "vision"))).toThrow(/known level.*"mission_1"/);
  });
  it("a rating item without a level", () => {
    expect(broken((j) => delete j.pages[0]!.elements[1]!.level)).toThrow(/"mission_2"/);
  });
  it("a duplicate name", () => {
    expect(broken((j) => (j.pages[1]!.elements[0]!.name = "mission_1"))).toThrow(/unique.*"mission_1"/);
  });
  it("an unknown decision factor", () => {
    expect(
      broken((j) => {
        const q = j.pages[4]!.elements.find((e) => e.name === "decision_factors")!;
        (q.choices as { value: string }[]).push({ value: "horoscope" });
      }),
    ).toThrow(/unknown decision factor "horoscope".*"decision_factors"/);
  });
  it("a rating on another scale than 1–5", () => {
    expect(broken((j) => (j.pages[0]!.elements[0]!.rateMax = 10))).toThrow(InstrumentError);
  });
  it("a missing instrument id", () => {
    expect(broken((j) => delete j.instrumentId)).toThrow(/instrumentId/);
  });
});
