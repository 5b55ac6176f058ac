/**
 * Version 3 of the default instrument: what the loader accepts and refuses ("n/a", the outcome,
 * facets, desired items that mirror a current item), and the content rules of our own instrument
 * that the loader leaves to authors (4–6 single-idea items and a reverse-keyed item per level).
 */
import { describe, expect, it } from "vitest";

import { FACTOR_IDS } from "../../src/domain/factors.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { MIN_ANSWERED_SHARE, NOT_APPLICABLE } from "../../src/domain/scoring.js";
import { InstrumentError, loadInstrument } from "../../src/instruments/instrument.js";
import { createInstrumentRegistry } from "../../src/instruments/registry.js";
import { checkEveryAnswerIsKept, checkUploadedInstrument } from "../../src/instruments/upload.js";
import v3 from "../../surveys/customer-centricity-v3.json" with { type: "json" };
import { dutchTexts, expectOneIdeaTitles, untranslatedTexts } from "../helpers/instrument-texts.js";

type Element = Record<string, unknown>;
type Json = { pages: { name: string; description?: unknown; elements: Element[] }[] } & Record<string, unknown>;
const base = v3 as unknown as Json;
const clone = () => structuredClone(base);
const elements = (json: Json) => json.pages.flatMap((p) => p.elements);
const byName = (json: Json, name: string) => elements(json).find((e) => e.name === name)!;
const broken = (mutate: (json: Json) => void) => {
  const json = clone();
  mutate(json);
  return () => loadInstrument(json);
};

const instrument = loadInstrument(base);
const current = instrument.key.items.filter((i) => i.level && i.perspective !== "desired");

describe("the loader accepts version 3", () => {
  it("installed next to versions 1, 2 and 4 (the default), for rounds pinned to it", () => {
    const registry = createInstrumentRegistry();
    expect(registry.latest("customer-centricity")!.version).toBe(4);
    expect([1, 2, 3].map((v) => registry.get("customer-centricity", v)?.version)).toEqual([1, 2, 3]);
  });

  it("and it passes the upload rules itself", () => {
    expect(() => checkUploadedInstrument(base)).not.toThrow();
    expect(() => checkEveryAnswerIsKept(instrument)).not.toThrow();
  });

  it("with the outcome item rated 0–10 outside every level", () => {
    expect(instrument.key.outcomeQuestion).toBe("outcome");
    expect(instrument.questions.find((q) => q.name === "outcome")).toEqual({
      kind: "rating",
      name: "outcome",
      required: true,
      min: 0,
      max: 10,
    });
    expect(instrument.key.items.some((i) => i.name === "outcome")).toBe(false);
  });

  it("with 'n/a' on the items that offer it, in the key and the answer spec", () => {
    const na = instrument.key.items.filter((i) => i.na).map((i) => i.name);
    expect(na).toEqual(["mission_3", "identity_4", "skills_2", "skills_5", "behaviour_2", "mandate_2"]);
    expect(instrument.questions.find((q) => q.name === "mission_3")).toMatchObject({
      kind: "rating",
      min: 1,
      max: 5,
      na: NOT_APPLICABLE,
    });
    expect(instrument.questions.find((q) => q.name === "mission_1")).not.toHaveProperty("na");
  });
});

describe("the loader refuses, naming the item", () => {
  const naValues = (value: unknown) => [1, 2, 3, 4, 5, { value, text: { nl: "Weet niet", en: "Don't know" } }];
  const plain = (e: Element) => {
    delete e.rateMin;
    delete e.rateMax;
  };

  it("an n/a value other than the one the server accepts", () => {
    for (const value of ["n/a", 0, 6, "weet niet"]) {
      expect(broken((j) => Object.assign(byName(j, "mission_3"), { rateValues: naValues(value) }))).toThrow(
        /agreement scale.*"mission_3"/,
      );
    }
  });
  it("rate values that are not 1–5 in order", () => {
    expect(broken((j) => Object.assign(byName(j, "mission_1"), { rateValues: [5, 4, 3, 2, 1] }))).toThrow(
      /"mission_1"/,
    );
    expect(broken((j) => Object.assign(byName(j, "mission_1"), { rateValues: [1, 2, 3, 4, 5, 6] }))).toThrow(
      /"mission_1"/,
    );
    expect(
      broken((j) => Object.assign(byName(j, "mission_1"), { rateValues: [NOT_APPLICABLE, 1, 2, 3, 4, 5] })),
    ).toThrow(/"mission_1"/);
  });
  it("a second outcome item", () => {
    expect(broken((j) => j.pages[0]!.elements.push({ ...byName(j, "outcome"), name: "outcome_2" }))).toThrow(
      /one outcome item at most.*"outcome_2"/,
    );
  });
  it("an outcome outside 0–10", () => {
    expect(broken((j) => Object.assign(byName(j, "outcome"), { rateMax: 11 }))).toThrow(/0–10.*"outcome"/);
    expect(broken((j) => Object.assign(byName(j, "outcome"), { rateMin: 1 }))).toThrow(/0–10.*"outcome"/);
    expect(broken((j) => Object.assign(byName(j, "outcome"), { rateMin: 1, rateMax: 5 }))).toThrow(/0–10.*"outcome"/);
  });
  it("an outcome item that is also a level item", () => {
    expect(broken((j) => Object.assign(byName(j, "outcome"), { level: "mission" }))).toThrow(
      /outcome item belongs to no level.*"outcome"/,
    );
  });
  it("0–10 on any other item", () => {
    expect(broken((j) => Object.assign(byName(j, "mission_1"), { rateMin: 0, rateMax: 10 }))).toThrow(
      /agreement scale.*"mission_1"/,
    );
  });
  it("mirrors naming a missing item, an item of another level, or another desired item", () => {
    expect(broken((j) => Object.assign(byName(j, "desired_mission"), { mirrors: "mission_9" }))).toThrow(
      /"mission_9" is none.*"desired_mission"/,
    );
    expect(broken((j) => Object.assign(byName(j, "desired_mission"), { mirrors: "identity_1" }))).toThrow(
      /"identity_1" is none.*"desired_mission"/,
    );
    expect(
      broken((j) => Object.assign(byName(j, "desired_identity"), { mirrors: "desired_mission", level: "mission" })),
    ).toThrow(/"desired_identity"/);
  });
  it("mirrors on a current-state item, a mirror keyed the other way, a current item mirrored twice", () => {
    expect(broken((j) => Object.assign(byName(j, "mission_2"), { mirrors: "mission_1" }))).toThrow(
      /only a desired-state item mirrors.*"mission_2"/,
    );
    expect(broken((j) => Object.assign(byName(j, "desired_mission"), { mirrors: "mission_4" }))).toThrow(
      /keyed like.*"desired_mission"/,
    );
    expect(
      broken((j) =>
        j.pages
          .find((p) => p.name === "desired")!
          .elements.push({ ...byName(j, "desired_mission"), name: "desired_mission_2" }),
      ),
    ).toThrow(/mirrored twice.*"desired_mission_2"/);
  });
  it("a facet on a climate item or a desired item, or one that is not an id", () => {
    expect(broken((j) => Object.assign(byName(j, "climate_mandate_1"), { facet: "mandate" }))).toThrow(
      /facet narrows a level.*"climate_mandate_1"/,
    );
    expect(broken((j) => Object.assign(byName(j, "desired_mission"), { facet: "belief" }))).toThrow(
      /"desired_mission"/,
    );
    expect(broken((j) => Object.assign(byName(j, "mission_1"), { facet: "Not An Id" }))).toThrow(
      /snake_case.*"mission_1"/,
    );
  });
  it("the errors are InstrumentErrors with the item", () => {
    try {
      broken((j) => Object.assign(byName(j, "outcome"), { rateMax: 11 }))();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InstrumentError);
      expect((error as InstrumentError).item).toBe("outcome");
    }
  });
  it("but allows a level without a reverse-keyed item: that is a content rule of our instrument, not of the method", () => {
    const json = clone();
    for (const e of elements(json)) if (e.level === "mission") delete e.reverse;
    expect(() => loadInstrument(json)).not.toThrow();
  });
  it("and allows 1–5 listed as rate values without n/a", () => {
    const json = clone();
    const e = byName(json, "mission_1");
    plain(e);
    e.rateValues = [1, 2, 3, 4, 5];
    expect(loadInstrument(json).key.items.find((i) => i.name === "mission_1")).toEqual({
      name: "mission_1",
      level: "mission",
      reverse: false,
    });
  });
});

describe("our version 3, as the method asks for it", () => {
  it("has 4–6 current-state items per level, at least one reverse-keyed", () => {
    for (const level of LEVEL_IDS) {
      const items = current.filter((i) => i.level === level);
      expect(items.length, level).toBeGreaterThanOrEqual(4);
      expect(items.length, level).toBeLessThanOrEqual(6);
      expect(
        items.some((i) => i.reverse),
        level,
      ).toBe(true);
    }
  });

  it("has about 45–52 items, within ten minutes", () => {
    const rated = instrument.questions.filter(
      (q) => q.kind === "rating" || q.name === "decision_factors" || q.name === "decision_most",
    );
    expect(rated.length).toBeGreaterThanOrEqual(45);
    expect(rated.length).toBeLessThanOrEqual(52);
  });

  it("asks values as beliefs and as perceptions of shared values", () => {
    const values = current.filter((i) => i.level === "values");
    expect(values.filter((i) => i.facet === "belief").length).toBeGreaterThanOrEqual(3);
    expect(values.filter((i) => i.facet === "perception").length).toBeGreaterThanOrEqual(2);
    expect(values.every((i) => i.facet === "belief" || i.facet === "perception")).toBe(true);
    // belief items are about what the respondent believes
    for (const i of values.filter((v) => v.facet === "belief"))
      expect((byName(base, i.name).title as { nl: string }).nl, i.name).toMatch(/^Ik vind /);
  });

  it("has the short facet scales at the level the method puts them", () => {
    const facets = new Map<string, Set<string>>();
    const counts = new Map<string, number>();
    for (const i of current.filter((c) => c.facet && c.facet !== "belief" && c.facet !== "perception")) {
      facets.set(i.facet!, (facets.get(i.facet!) ?? new Set()).add(i.level!));
      counts.set(i.facet!, (counts.get(i.facet!) ?? 0) + 1);
    }
    expect(Object.fromEntries([...facets].map(([f, l]) => [f, [...l]]))).toEqual({
      customer_view: ["competencies"],
      ownership: ["behaviour"],
      tailoring: ["behaviour"],
      mandate: ["context"],
    });
    for (const [facet, n] of counts) {
      expect(n, facet).toBeGreaterThanOrEqual(2);
      expect(n, facet).toBeLessThanOrEqual(3);
    }
  });

  it("offers 'n/a' on few enough items that no level or facet can drop out for anyone", () => {
    // With at most half of a scale's items open to "n/a", everyone answers MIN_ANSWERED_SHARE of it:
    // every level then has all of its group's respondents, as the report's whole-group rule needs.
    const scales = new Map<string, { total: number; na: number }>();
    for (const i of instrument.key.items) {
      for (const id of [
        i.perspective === "desired" ? `desired:${i.level}` : (i.level ?? `climate:${i.scale}`),
        ...(i.facet ? [`facet:${i.facet}`] : []),
      ]) {
        const s = scales.get(id) ?? { total: 0, na: 0 };
        s.total += 1;
        if (i.na) s.na += 1;
        scales.set(id, s);
      }
    }
    for (const [id, s] of scales) expect(s.total - s.na, id).toBeGreaterThanOrEqual(MIN_ANSWERED_SHARE * s.total);
    expect([...scales.values()].some((s) => s.na > 0)).toBe(true);
  });

  it("has no skills or behaviour level made only of self-ratings", () => {
    for (const level of ["skills", "behaviour"] as const) {
      const titles = current
        .filter((i) => i.level === level)
        .map((i) => (byName(base, i.name).title as { nl: string }).nl);
      expect(
        titles.some((t) => t.startsWith("In mijn team")),
        level,
      ).toBe(true);
    }
  });

  it("asks the desired state on one page, one item per level, in the words of the item it mirrors", () => {
    const page = base.pages.find((p) => p.elements.some((e) => e.perspective === "desired"))!;
    expect(page.elements.every((e) => e.perspective === "desired")).toBe(true);
    expect((page.description as { nl: string }).nl).toMatch(/zou moeten zijn/);
    const desired = instrument.key.items.filter((i) => i.perspective === "desired");
    expect(desired.map((i) => i.level)).toEqual([...LEVEL_IDS]);
    for (const d of desired) expect(byName(base, d.name).title, d.name).toEqual(byName(base, d.mirrors!).title);
  });

  it("keeps the decision factors, the one that weighed most and the decision climate of version 2", () => {
    const factors = instrument.questions.find((q) => q.name === instrument.key.factorsQuestion) as unknown as {
      choices: string[];
    };
    expect([...factors.choices].sort()).toEqual([...FACTOR_IDS].sort());
    expect(instrument.key.mostQuestion).toBe("decision_most");
    const climate = instrument.key.items.filter((i) => i.scale).map((i) => i.name);
    expect(climate).toEqual([
      "climate_mandate_1",
      "climate_mandate_2",
      "climate_accountability_fear_1",
      "climate_accountability_fear_2",
      "climate_equal_treatment_1",
      "climate_equal_treatment_2",
    ]);
    expect(instrument.groupings).toEqual({ department: "department", role: "role", tenure: "tenure" });
    expect(instrument.commentQuestion).toBe("comment");
  });

  it("words every rating as one sentence with one idea, in Dutch and English", () => {
    expectOneIdeaTitles(elements(base).filter((el) => el.type === "rating"));
  });

  it("says 'je' to Dutch staff, never 'u'", () => {
    expect(dutchTexts(base).filter((t) => /\b(u|uw|U|Uw)\b/.test(t))).toEqual([]);
  });

  it("has every text in Dutch and English", () => {
    expect(untranslatedTexts(base)).toEqual([]);
  });
});
