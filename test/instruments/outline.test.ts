/** An instrument's outline for the preview: grouped as the scoring key reads it, every text in both languages. */
import { describe, expect, it } from "vitest";

import { LEVEL_IDS } from "../../src/domain/levels.js";
import { loadInstrument } from "../../src/instruments/instrument.js";
import { instrumentOutline, localised } from "../../src/instruments/outline.js";
import v3 from "../../surveys/customer-centricity-v3.json" with { type: "json" };
import v4 from "../../surveys/customer-centricity-v4.json" with { type: "json" };

describe("instrumentOutline", () => {
  const json = v3 as Record<string, unknown>;
  const outline = instrumentOutline(json);
  const key = loadInstrument(json).key;

  it("groups the rating items per level and scale exactly as the scoring key does", () => {
    expect(outline.levels.map((l) => l.level)).toEqual([...LEVEL_IDS]);
    for (const { level, items } of outline.levels) {
      expect(
        items.map((i) => i.name),
        level,
      ).toEqual(key.items.filter((i) => i.level === level).map((i) => i.name));
      expect(items.filter((i) => i.desired).map((i) => i.name)).toEqual(
        key.items.filter((i) => i.level === level && i.perspective === "desired").map((i) => i.name),
      );
      expect(items.filter((i) => i.reverse).map((i) => i.name)).toEqual(
        key.items.filter((i) => i.level === level && i.reverse).map((i) => i.name),
      );
      expect(items.filter((i) => i.na).map((i) => i.name)).toEqual(
        key.items.filter((i) => i.level === level && i.na).map((i) => i.name),
      );
    }
    expect(outline.scales.flatMap((s) => s.items.map((i) => i.name)).sort()).toEqual(
      key.items
        .filter((i) => i.scale)
        .map((i) => i.name)
        .sort(),
    );
    for (const { scale, items } of outline.scales)
      expect(items.every((i) => key.items.find((k) => k.name === i.name)!.scale === scale)).toBe(true);
    expect(outline.outcome?.name).toBe(key.outcomeQuestion);
  });

  it("gives every text in Dutch and English, and the decision factors, groupings and comment", () => {
    const all = [...outline.levels.flatMap((l) => l.items), ...outline.scales.flatMap((s) => s.items)];
    expect(all.every((i) => i.title.nl.length > 0 && i.title.en.length > 0 && i.title.nl !== i.title.en)).toBe(true);
    expect(outline.factors!.choices.map((c) => c.value).length).toBeGreaterThan(5);
    expect(outline.factors!.choices.every((c) => c.text.nl && c.text.en)).toBe(true);
    expect(outline.groupings.map((g) => g.dimension)).toEqual(["department", "role", "tenure"]);
    expect(outline.comment?.nl).toContain("management");
  });

  it("reads one default text as both languages", () => {
    expect(localised("Eén")).toEqual({ nl: "Eén", en: "Eén" });
    expect(localised({ default: "D", nl: "N" })).toEqual({ nl: "N", en: "D" });
  });
});

describe("instrumentOutline of version 4", () => {
  it("marks the items that offer 'don't know', 'n/a' or both, as the key has them", () => {
    const json = v4 as Record<string, unknown>;
    const key = loadInstrument(json).key;
    const marked = instrumentOutline(json).levels.flatMap((l) => l.items.filter((i) => i.na).map((i) => i.name));
    expect(marked.sort()).toEqual(
      key.items
        .filter((i) => i.dk || i.na)
        .map((i) => i.name)
        .sort(),
    );
  });
});
