/**
 * The submission path's plain check of answers (answersCheck) against the rule it stands in for,
 * the campaign's zod schema: on thousands of drawn inputs, valid ones and ones broken in every way
 * a client could break them, on every instrument with and without groupings, the two agree, and
 * what the check accepts is what the schema would hand on.
 */
import { describe, expect, it } from "vitest";

import { seededRandom } from "../../src/domain/seeded-random.js";
import { type CampaignUnits, DEFAULT_ROLES, DEFAULT_TENURE, unitsFromNames } from "../../src/domain/units.js";
import { answersCheck, answersSchema } from "../../src/instruments/answers-schema.js";
import { type Instrument, loadInstrument } from "../../src/instruments/instrument.js";
import v1 from "../../surveys/customer-centricity-v1.json" with { type: "json" };
import v2 from "../../surveys/customer-centricity-v2.json" with { type: "json" };
import v3 from "../../surveys/customer-centricity-v3.json" with { type: "json" };
import v4 from "../../surveys/customer-centricity-v4.json" with { type: "json" };

const instruments = [v1, v2, v3, v4].map((json) => loadInstrument(json as Record<string, unknown>));
const structures: Record<string, CampaignUnits> = {
  "every grouping": { department: unitsFromNames(["Wonen", "Onderhoud"]), role: DEFAULT_ROLES, tenure: DEFAULT_TENURE },
  "departments only": { department: unitsFromNames(["Wonen"]) },
  "no grouping": {},
};

/** Values a client could send for any answer: right, nearly right and wrong in kind. */
const ODD_VALUES: unknown[] = [
  0,
  1,
  3,
  5,
  6,
  10,
  11,
  -1,
  -0,
  2.5,
  4.0000001,
  1e300,
  Number.MAX_SAFE_INTEGER + 2,
  "3",
  "",
  "na",
  "dk",
  "n/a",
  "Wonen",
  "policy",
  "constructor",
  "x".repeat(2001),
  null,
  true,
  false,
  [],
  ["policy"],
  ["policy", "policy"],
  ["nope"],
  [3],
  {},
  { value: 3 },
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** A valid response to `instrument` under `units`, drawn. */
function validDraw(instrument: Instrument, units: CampaignUnits, random: () => number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const spec of instrument.questions) {
    if (!spec.required && random() < 0.3) continue;
    switch (spec.kind) {
      case "rating": {
        const special = [spec.dk, spec.na].filter((v) => v !== undefined);
        answers[spec.name] =
          special.length > 0 && random() < 0.2
            ? pick(random, special)
            : spec.min + Math.floor(random() * (spec.max - spec.min + 1));
        break;
      }
      case "text":
        answers[spec.name] = "Meer ruimte voor maatwerk.".slice(0, spec.maxLength);
        break;
      case "multi": {
        const chosen = spec.choices.filter(() => random() < 0.3);
        answers[spec.name] = chosen.length > 0 ? chosen : [spec.choices[0]!];
        break;
      }
      case "single": {
        const choices = Array.isArray(spec.choices)
          ? spec.choices
          : (units[(spec.choices as { grouping: keyof CampaignUnits }).grouping] ?? []).map((u) => u.value);
        if (choices.length > 0) answers[spec.name] = pick(random, choices);
      }
    }
  }
  // A question whose choices are another's ticks takes one of them.
  for (const spec of instrument.questions)
    if (spec.kind === "single" && spec.subsetOf && answers[spec.name] !== undefined) {
      const ticked = answers[spec.subsetOf] as string[] | undefined;
      if (ticked) answers[spec.name] = pick(random, ticked);
    }
  return answers;
}

/** The valid draw broken in one to three ways: a value replaced, a key dropped or one added. */
function brokenDraw(answers: Record<string, unknown>, random: () => number): unknown {
  const names = Object.keys(answers);
  const broken: Record<string, unknown> = { ...answers };
  const changes = 1 + Math.floor(random() * 3);
  for (let i = 0; i < changes; i++) {
    const kind = random();
    if (kind < 0.6) broken[pick(random, names)] = pick(random, ODD_VALUES);
    else if (kind < 0.8) delete broken[pick(random, names)];
    else
      broken[pick(random, ["extra", "toString", "department", "comment", "decision_most"])] = pick(random, ODD_VALUES);
  }
  return broken;
}

describe("the plain check of answers", () => {
  for (const instrument of instruments)
    for (const [structure, units] of Object.entries(structures))
      it(`agrees with the schema on v${instrument.version}, ${structure}`, () => {
        const schema = answersSchema(instrument, units);
        const check = answersCheck(instrument, units);
        const random = seededRandom(`answers-check-${instrument.version}-${structure}`);
        let accepted = 0;
        let refused = 0;
        for (let draw = 0; draw < 1500; draw++) {
          const valid = validDraw(instrument, units, random);
          // Through JSON, as a body arrives: a "__proto__" key is then an own key like any other.
          const input: unknown = JSON.parse(
            JSON.stringify(draw % 3 === 0 ? valid : brokenDraw(valid, random)).replace(
              draw % 97 === 0 ? /^\{/ : /^$/,
              '{"__proto__":{"extra":1},',
            ),
          );
          const verdict = schema.safeParse(input);
          expect(check(input), JSON.stringify(input)).toBe(verdict.success);
          if (verdict.success) {
            expect(input).toEqual(verdict.data);
            accepted++;
          } else refused++;
        }
        // Both sides of the rule were tried many times over.
        expect(Math.min(accepted, refused)).toBeGreaterThan(300);
      });

  it("refuses what is not an object of answers at all", () => {
    const check = answersCheck(instruments[3]!, structures["every grouping"]!);
    for (const input of [null, undefined, [], "answers", 3, JSON.parse('{"__proto__": 1}')])
      expect(check(input), String(input)).toBe(false);
  });
});
