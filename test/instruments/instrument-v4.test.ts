/**
 * Version 4 of the default instrument: what the loader accepts and refuses on top of version 3
 * ("don't know" apart from "n/a", items kept out of their level's score, decision options in random
 * order), and the content rules that answer the item-by-item review of version 3.
 */
import { describe, expect, it } from "vitest";

import { DECISION_FACTORS, FACTOR_IDS } from "../../src/domain/factors.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { DONT_KNOW, MIN_ANSWERED_SHARE, NOT_APPLICABLE, scoreResponse } from "../../src/domain/scoring.js";
import { decodeScore, encodeAnswers } from "../../src/domain/stored-score.js";
import { DEFAULT_ROLES, DEFAULT_TENURE, unitsFromNames } from "../../src/domain/units.js";
import { answersSchema } from "../../src/instruments/answers-schema.js";
import { loadInstrument } from "../../src/instruments/instrument.js";
import { createInstrumentRegistry } from "../../src/instruments/registry.js";
import { checkEveryAnswerIsKept, checkUploadedInstrument } from "../../src/instruments/upload.js";
import v4 from "../../surveys/customer-centricity-v4.json" with { type: "json" };
import { dutchTexts, expectOneIdeaTitles, untranslatedTexts } from "../helpers/instrument-texts.js";

type Element = Record<string, unknown>;
type Texts = { nl: string; en: string };
type Json = { pages: { name: string; description?: unknown; elements: Element[] }[] } & Record<string, unknown>;
const base = v4 as unknown as Json;
const clone = () => structuredClone(base);
const elements = (json: Json) => json.pages.flatMap((p) => p.elements);
const byName = (json: Json, name: string) => elements(json).find((e) => e.name === name)!;
const title = (name: string) => byName(base, name).title as Texts;
const broken = (mutate: (json: Json) => void) => {
  const json = clone();
  mutate(json);
  return () => loadInstrument(json);
};

const instrument = loadInstrument(base);
const current = instrument.key.items.filter((i) => i.level && i.perspective !== "desired");
/** What a level's score is made of: its current-state items not kept out of it. */
const scored = current.filter((i) => i.levelScore !== false);
const PROBE = "values_call_probe";

describe("the loader accepts version 4", () => {
  it("as the default a round that names no version gets, beside versions 1–3", () => {
    const registry = createInstrumentRegistry();
    expect([1, 2, 3, 4].map((v) => registry.get("customer-centricity", v)?.version)).toEqual([1, 2, 3, 4]);
    expect(registry.latest("customer-centricity")!.version).toBe(4);
    // without the default pin (e.g. another set of versions), the highest is the default
    expect(createInstrumentRegistry([base]).latest("customer-centricity")!.version).toBe(4);
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
  });

  it("with 'don't know' and 'n/a' apart, each on the items that offer it, in the key and the answer spec", () => {
    expect(instrument.key.items.filter((i) => i.dk).map((i) => i.name)).toEqual([
      "mission_1",
      "mission_3",
      "identity_4",
      "customer_view_2",
      "context_3",
      "mandate_2",
    ]);
    expect(instrument.key.items.filter((i) => i.na).map((i) => i.name)).toEqual([
      "skills_2",
      "skills_4",
      "behaviour_1",
      "context_3",
    ]);
    expect(instrument.questions.find((q) => q.name === "context_3")).toMatchObject({
      kind: "rating",
      min: 1,
      max: 5,
      dk: DONT_KNOW,
      na: NOT_APPLICABLE,
    });
    expect(instrument.questions.find((q) => q.name === "mission_1")).not.toHaveProperty("na");
    expect(instrument.questions.find((q) => q.name === "skills_2")).not.toHaveProperty("dk");
  });

  it("with the perceived-agreement items and the probe kept out of the values score", () => {
    expect(instrument.key.items.filter((i) => i.levelScore === false).map((i) => i.name)).toEqual([
      PROBE,
      "values_perception_1",
      "values_perception_2",
    ]);
  });

  it("with the decision options in a random order per respondent", () => {
    for (const name of ["decision_factors", "decision_most"])
      expect(byName(base, name).choicesOrder, name).toBe("random");
  });
});

describe("the loader refuses, naming the item", () => {
  const open = (...values: unknown[]) => [1, 2, 3, 4, 5, ...values.map((value) => ({ value, text: "x" }))];

  it("'don't know' and 'n/a' in another order, twice, or under another value", () => {
    for (const values of [
      [NOT_APPLICABLE, DONT_KNOW],
      [DONT_KNOW, DONT_KNOW],
      [DONT_KNOW, NOT_APPLICABLE, NOT_APPLICABLE],
      ["weet niet"],
      ["nvt"],
      [DONT_KNOW, "x"],
    ]) {
      expect(broken((j) => Object.assign(byName(j, "mission_2"), { rateValues: open(...values) }))).toThrow(
        /agreement scale.*"mission_2"/,
      );
    }
  });

  it("but takes either one alone or both in order", () => {
    for (const values of [[DONT_KNOW], [NOT_APPLICABLE], [DONT_KNOW, NOT_APPLICABLE]]) {
      const json = clone();
      const e = byName(json, "mission_2");
      delete e.rateMin;
      delete e.rateMax;
      e.rateValues = open(...values);
      const item = loadInstrument(json).key.items.find((i) => i.name === "mission_2")!;
      expect(!!item.dk, String(values)).toBe(values.includes(DONT_KNOW));
      expect(!!item.na, String(values)).toBe(values.includes(NOT_APPLICABLE));
    }
  });

  it("levelScore: false on anything but a current-state level item", () => {
    expect(broken((j) => Object.assign(byName(j, "climate_equal_treatment_1"), { levelScore: false }))).toThrow(
      /kept out of its level's score.*"climate_equal_treatment_1"/,
    );
    expect(broken((j) => Object.assign(byName(j, "desired_mission"), { levelScore: false }))).toThrow(
      /kept out of its level's score.*"desired_mission"/,
    );
    expect(broken((j) => Object.assign(byName(j, "outcome"), { levelScore: false }))).toThrow(
      /outcome item belongs to no level.*"outcome"/,
    );
  });

  it("a desired item mirroring an item kept out of its level's score", () => {
    expect(
      broken((j) => Object.assign(byName(j, "desired_identity"), { level: "values", mirrors: "values_perception_1" })),
    ).toThrow(/counts in its score.*"desired_identity"/);
  });
});

describe("our version 4, as the method asks for it", () => {
  it("has 3–5 items in each level's score, at least one reverse-keyed", () => {
    for (const level of LEVEL_IDS) {
      const items = scored.filter((i) => i.level === level);
      expect(items.length, level).toBeGreaterThanOrEqual(3);
      expect(items.length, level).toBeLessThanOrEqual(5);
      expect(
        items.some((i) => i.reverse),
        level,
      ).toBe(true);
    }
  });

  it("has about 40 items, within ten minutes", () => {
    const ratings = instrument.questions.filter((q) => q.kind === "rating");
    expect(ratings.length).toBeGreaterThanOrEqual(38);
    expect(ratings.length).toBeLessThanOrEqual(44);
  });

  it("asks a shared level about the organisation or the team, one referent per level, never 'I know / I can'", () => {
    const referent: Record<string, { nl: RegExp; en: RegExp }> = {
      mission: { nl: /onze organisatie/i, en: /our organisation/i },
      identity: { nl: /onze organisatie/i, en: /our organisation/i },
      competencies: { nl: /onze organisatie/i, en: /our organisation/i },
      skills: { nl: /in mijn team/i, en: /in my team/i },
      behaviour: { nl: /in mijn team/i, en: /in my team/i },
    };
    for (const [level, words] of Object.entries(referent)) {
      for (const i of current.filter((c) => c.level === level)) {
        const t = title(i.name);
        expect(t.nl, i.name).toMatch(words.nl);
        expect(t.en, i.name).toMatch(words.en);
        // one referent: not the other one, not colleagues, not the respondent alone
        const other = words.nl.source.includes("team") ? /onze organisatie/i : /mijn team/i;
        expect(t.nl, i.name).not.toMatch(other);
        expect(t.nl, i.name).not.toMatch(/\b(ik|collega's)\b/i);
      }
    }
  });

  it("scores values on own belief only; perceived agreement is a facet apart, with one referent", () => {
    const values = current.filter((i) => i.level === "values");
    expect(scored.filter((i) => i.level === "values").every((i) => i.facet === "belief")).toBe(true);
    const beliefs = values.filter((i) => i.facet === "belief");
    expect(beliefs.length).toBeGreaterThanOrEqual(3);
    for (const i of beliefs) expect(title(i.name).nl, i.name).toMatch(/^Ik vind /);
    const perception = values.filter((i) => i.facet === "perception");
    expect(perception.length).toBe(2);
    for (const i of perception) {
      expect(i.levelScore, i.name).toBe(false);
      expect(title(i.name).nl, i.name).toMatch(/^In mijn team /);
      expect(title(i.name).en, i.name).toMatch(/^In my team /);
    }
    // a team that agrees on nothing it believes does not lift the values score
    const answers = Object.fromEntries(instrument.key.items.map((i) => [i.name, i.reverse ? 1 : 5]));
    const low = { ...answers, values_perception_1: 1, values_perception_2: 5, [PROBE]: 1 };
    expect(scoreResponse(instrument.key, low).levels.values).toEqual(
      scoreResponse(instrument.key, answers).levels.values,
    );
    expect(scoreResponse(instrument.key, low).facets.perception!.mean).toBe(1);
  });

  it("asks the telephone dilemma once, as an unscored probe between its two positions", () => {
    const phone = elements(base).filter((e) => /telefo|belt\b|bellen\b/i.test(JSON.stringify(e.title)));
    expect(phone.map((e) => e.name)).toEqual([PROBE]);
    const probe = instrument.key.items.find((i) => i.name === PROBE)!;
    expect(probe).toEqual({ name: PROBE, level: "values", reverse: false, levelScore: false });
    const e = byName(base, PROBE);
    expect((e.minRateDescription as Texts).nl).toMatch(/per definitie belangrijk/);
    expect((e.maxRateDescription as Texts).nl).toMatch(/gelegen komt/);
    // counted nowhere but as an item of its own
    const score = scoreResponse(instrument.key, { [PROBE]: 1 });
    expect(score.values).toEqual({ [PROBE]: 1 });
    expect(score.levels).toEqual({});
    expect(score.facets).toEqual({});
  });

  it("measures tailoring as arbitrariness, reverse-keyed, beside exceptions on agreed grounds", () => {
    expect(title("tailoring_1").nl).toMatch(/hangt af van wie hij toevallig treft/);
    expect(instrument.key.items.find((i) => i.name === "tailoring_1")).toMatchObject({
      facet: "tailoring",
      reverse: true,
    });
    expect(instrument.key.items.find((i) => i.name === "tailoring_2")).toMatchObject({
      facet: "tailoring",
      reverse: false,
    });
  });

  it("has no double negative: a reverse-keyed item says no 'not'", () => {
    for (const i of instrument.key.items.filter((r) => r.reverse)) {
      expect(title(i.name).nl, i.name).not.toMatch(/\b(niet|geen|nooit|niemand|niets)\b/i);
      expect(title(i.name).en, i.name).not.toMatch(/\b(not|no|never|nobody|nothing)\b|n't/i);
    }
  });

  it("keys the decision climate like the levels, under names that say so: high is customer-centric", () => {
    const climate = instrument.key.items.filter((i) => i.scale);
    // Not v3's accountability_fear / equal_treatment, whose scores read the other way round.
    expect(climate.map((i) => i.scale).sort()).toEqual(["blame_free", "blame_free", "case_by_case", "case_by_case"]);
    // agreeing with fear of blame or with equal treatment at any price scores low
    for (const i of climate) expect(i.reverse, i.name).toBe(true);
    const fearful = Object.fromEntries(climate.map((i) => [i.name, 5]));
    expect(scoreResponse(instrument.key, fearful).climate).toMatchObject({
      blame_free: { mean: 1 },
      case_by_case: { mean: 1 },
    });
  });

  it("offers 'don't know' or 'n/a' on at most half of any scale's items, so no scale can drop out for anyone", () => {
    const scales = new Map<string, { total: number; open: number }>();
    for (const i of instrument.key.items) {
      const ids = [
        ...(i.perspective === "desired" ? [`desired:${i.level}`] : []),
        ...(i.perspective !== "desired" && i.level && i.levelScore !== false ? [i.level] : []),
        ...(i.scale ? [`climate:${i.scale}`] : []),
        ...(i.facet ? [`facet:${i.facet}`] : []),
      ];
      for (const id of ids) {
        const s = scales.get(id) ?? { total: 0, open: 0 };
        s.total += 1;
        if (i.na || i.dk) s.open += 1;
        scales.set(id, s);
      }
    }
    for (const [id, s] of scales) expect(s.total - s.open, id).toBeGreaterThanOrEqual(MIN_ANSWERED_SHARE * s.total);
  });

  it("asks the desired state on one page, mirroring statements about the organisation or the team", () => {
    const page = base.pages.find((p) => p.elements.some((e) => e.perspective === "desired"))!;
    expect(page.elements.every((e) => e.perspective === "desired")).toBe(true);
    expect((page.description as Texts).nl).toMatch(/zou moeten zijn/);
    const desired = instrument.key.items.filter((i) => i.perspective === "desired");
    // values has none: a belief ("Ik vind dat …") already says how it should be
    expect(desired.map((i) => i.level)).toEqual(LEVEL_IDS.filter((l) => l !== "values"));
    for (const d of desired) {
      expect(byName(base, d.name).title, d.name).toEqual(byName(base, d.mirrors!).title);
      expect(title(d.mirrors!).nl, d.name).not.toMatch(/\bik\b/i);
      expect(title(d.mirrors!).en, d.name).not.toMatch(/\bI\b/);
    }
  });

  it("names every decision option with the words the report uses, in Dutch and English", () => {
    const choices = byName(base, "decision_factors").choices as { value: string; text: Texts }[];
    expect(choices.map((c) => c.value).sort()).toEqual([...FACTOR_IDS].sort());
    for (const c of choices) expect(c.text, c.value).toEqual(DECISION_FACTORS.find((f) => f.id === c.value)!.label);
    expect(choices.find((c) => c.value === "equal_treatment")!.text).toEqual({
      nl: "Alleen als we dit voor elke klant zouden kunnen doen",
      en: "Only if we could do this for every customer",
    });
    expect(instrument.key.mostQuestion).toBe("decision_most");
    expect(instrument.groupings).toEqual({ department: "department", role: "role", tenure: "tenure" });
    expect(instrument.commentQuestion).toBe("comment");
  });

  it("words every rating but the dilemma as one sentence with one idea, in Dutch and English", () => {
    expectOneIdeaTitles(elements(base).filter((el) => el.type === "rating" && el.name !== PROBE));
  });

  it("says 'je' to Dutch staff, never 'u', and has every text in Dutch and English", () => {
    expect(dutchTexts(base).filter((t) => /\b(u|uw|U|Uw)\b/.test(t))).toEqual([]);
    expect(untranslatedTexts(base)).toEqual([]);
  });
});

describe("answers to version 4", () => {
  const schema = answersSchema(instrument, {
    department: unitsFromNames(["Wonen", "Onderhoud"]),
    role: DEFAULT_ROLES,
    tenure: DEFAULT_TENURE,
  });
  const valid = (): Record<string, unknown> => ({
    ...Object.fromEntries(instrument.key.items.map((i) => [i.name, 4])),
    outcome: 7,
    decision_factors: ["customer_needs", "policy"],
    decision_most: "policy",
    department: "Wonen",
    role: DEFAULT_ROLES[0]!.value,
    tenure: DEFAULT_TENURE[0]!.value,
  });
  const refusedAt = (changes: Record<string, unknown>) => {
    const result = schema.safeParse({ ...valid(), ...changes });
    return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
  };

  it("accept a complete response, and 'don't know' or 'n/a' where offered", () => {
    expect(refusedAt({})).toEqual([]);
    const dk = instrument.key.items.filter((i) => i.dk).map((i) => [i.name, DONT_KNOW]);
    const na = instrument.key.items.filter((i) => i.na).map((i) => [i.name, NOT_APPLICABLE]);
    expect(refusedAt(Object.fromEntries(dk))).toEqual([]);
    expect(refusedAt(Object.fromEntries(na))).toEqual([]);
  });

  it("refuse 'don't know' or 'n/a' where not offered, and values out of range or unknown", () => {
    expect(refusedAt({ skills_2: DONT_KNOW })).toEqual(["skills_2"]);
    expect(refusedAt({ mission_1: NOT_APPLICABLE })).toEqual(["mission_1"]);
    expect(refusedAt({ mission_2: DONT_KNOW })).toEqual(["mission_2"]);
    expect(refusedAt({ [PROBE]: NOT_APPLICABLE })).toEqual([PROBE]);
    expect(refusedAt({ desired_mission: DONT_KNOW })).toEqual(["desired_mission"]);
    expect(refusedAt({ outcome: DONT_KNOW })).toEqual(["outcome"]);
    expect(refusedAt({ mission_1: 6 })).toEqual(["mission_1"]);
    expect(refusedAt({ mission_1: 0 })).toEqual(["mission_1"]);
    expect(refusedAt({ mission_1: 2.5 })).toEqual(["mission_1"]);
    expect(refusedAt({ context_3: "weet niet" })).toEqual(["context_3"]);
    expect(refusedAt({ decision_factors: ["policy", "gut_feeling"] })).toEqual(["decision_factors.1"]);
    expect(refusedAt({ decision_most: "customer_context" })).toEqual(["decision_most"]);
  });

  it("store the same response whatever order the factors were shown or ticked in", () => {
    const a = encodeAnswers(instrument.key, { ...valid(), decision_factors: ["customer_needs", "policy"] });
    const b = encodeAnswers(instrument.key, { ...valid(), decision_factors: ["policy", "customer_needs"] });
    expect(a).toBe(b);
    expect(decodeScore(instrument.key, a).factors).toEqual(["policy", "customer_needs"]);
  });
});
