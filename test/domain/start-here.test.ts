import { describe, expect, it } from "vitest";
import { LEVEL_IDS, type LevelId } from "../../src/domain/levels.js";
import { DEFAULT_THRESHOLDS, isDivided, isWeak, startHere, type LevelResult } from "../../src/domain/start-here.js";

const healthy = (id: LevelId, over: Partial<LevelResult> = {}): LevelResult => ({ id, score: 75, sd: 0.5, favourable: 0.7, unfavourable: 0.05, ...over });
const profile = (over: Partial<Record<LevelId, Partial<LevelResult>>>) => LEVEL_IDS.map((id) => healthy(id, over[id]));

describe("weak and divided", () => {
  it("weak is a score below the threshold", () => {
    expect(isWeak(healthy("skills", { score: 59.9 }))).toBe(true);
    expect(isWeak(healthy("skills", { score: 60 }))).toBe(false);
  });
  it("divided is a wide spread, or many favourable and many unfavourable answers at once", () => {
    expect(isDivided(healthy("values", { sd: 1.0 }))).toBe(true);
    expect(isDivided(healthy("values", { sd: 0.99 }))).toBe(false);
    expect(isDivided(healthy("values", { favourable: 0.25, unfavourable: 0.25 }))).toBe(true);
    expect(isDivided(healthy("values", { favourable: 0.6, unfavourable: 0.24 }))).toBe(false);
  });
});

describe("startHere", () => {
  it("reproduces the telephone example: values divided and skills weak → start at values, not skills", () => {
    const result = startHere(profile({ values: { sd: 1.3, favourable: 0.45, unfavourable: 0.4 }, skills: { score: 40 } }));
    expect(result).toMatchObject({ level: "values", reason: "divided", downstream: ["competencies", "skills", "behaviour", "context"] });
    if (!result || result.level === null) throw new Error("expected a level");
    expect(result.explanation.en).toContain("Start at values and beliefs");
    expect(result.explanation.en).toContain("competencies, skills, behaviour and context");
    expect(result.explanation.en).toMatch(/skills training or in systems and procedures pays back far less/);
    expect(result.explanation.nl).toContain("Begin bij waarden en overtuigingen");
    expect(result.explanation.nl).toContain("vaardigheden");
  });

  it("takes the top-most qualifying level, whatever the input order", () => {
    const levels = profile({ identity: { score: 50 }, context: { score: 10 } }).reverse();
    expect(startHere(levels)).toMatchObject({ level: "identity", reason: "weak" });
  });

  it("says weak before divided when a level is both", () => {
    expect(startHere(profile({ mission: { score: 30, sd: 1.5 } }))).toMatchObject({ level: "mission", reason: "weak" });
  });

  it("has no downstream levels for context", () => {
    expect(startHere(profile({ context: { score: 20 } }))).toMatchObject({ level: "context", downstream: [] });
  });

  it("points at the lowest-scoring level when nothing is weak or divided", () => {
    const result = startHere(profile({ behaviour: { score: 61 } }));
    expect(result).toMatchObject({ level: null, lowest: "behaviour" });
    expect(result!.explanation.en).toContain("No level is weak or divided");
  });

  it("uses the campaign's thresholds", () => {
    const levels = profile({ competencies: { score: 68 } });
    expect(startHere(levels)?.level).toBeNull();
    expect(startHere(levels, { ...DEFAULT_THRESHOLDS, weakBelow: 70 })).toMatchObject({ level: "competencies", reason: "weak" });
  });

  it("skips levels that are missing and returns null with no levels", () => {
    expect(startHere([healthy("skills", { score: 10 })])).toMatchObject({ level: "skills" });
    expect(startHere([])).toBeNull();
  });
});
