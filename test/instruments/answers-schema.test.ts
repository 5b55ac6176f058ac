/** The server's check of answers to version 3: "n/a" only where offered, the outcome 0–10, agreement 1–5. */
import { describe, expect, it } from "vitest";

import { NOT_APPLICABLE } from "../../src/domain/scoring.js";
import { DEFAULT_ROLES, DEFAULT_TENURE, unitsFromNames } from "../../src/domain/units.js";
import { answersSchema } from "../../src/instruments/answers-schema.js";
import { loadInstrument } from "../../src/instruments/instrument.js";
import v3 from "../../surveys/customer-centricity-v3.json" with { type: "json" };

const instrument = loadInstrument(v3 as Record<string, unknown>);
const schema = answersSchema(instrument, {
  department: unitsFromNames(["Wonen", "Onderhoud"]),
  role: DEFAULT_ROLES,
  tenure: DEFAULT_TENURE,
});

/** A valid response: every rating 4, the outcome 7, two factors. */
function valid(): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of instrument.questions) if (q.kind === "rating") answers[q.name] = 4;
  return {
    ...answers,
    outcome: 7,
    decision_factors: ["policy", "customer_needs"],
    decision_most: "policy",
    department: "Wonen",
    role: DEFAULT_ROLES[0]!.value,
    tenure: DEFAULT_TENURE[0]!.value,
  };
}
const check = (changes: Record<string, unknown>) => schema.safeParse({ ...valid(), ...changes });
const refusedAt = (changes: Record<string, unknown>) => {
  const result = check(changes);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
};

describe("answers to version 3", () => {
  it("accept a complete response", () => {
    expect(check({}).success).toBe(true);
  });

  it("accept 'n/a' on every item that offers it, at once", () => {
    const na = instrument.key.items.filter((i) => i.na).map((i) => i.name);
    expect(na.length).toBeGreaterThan(0);
    expect(check(Object.fromEntries(na.map((n) => [n, NOT_APPLICABLE]))).success).toBe(true);
  });

  it("refuse 'n/a' on an item that does not offer it, and any other n/a spelling", () => {
    expect(refusedAt({ mission_1: NOT_APPLICABLE })).toEqual(["mission_1"]);
    expect(refusedAt({ desired_mission: NOT_APPLICABLE })).toEqual(["desired_mission"]);
    expect(refusedAt({ climate_mandate_1: NOT_APPLICABLE })).toEqual(["climate_mandate_1"]);
    expect(refusedAt({ outcome: NOT_APPLICABLE })).toEqual(["outcome"]);
    for (const other of ["n/a", "NA", "", null, 0])
      expect(refusedAt({ mission_3: other }), String(other)).toEqual(["mission_3"]);
  });

  it("rate the outcome 0–10: 0 and 10 pass, 11, −1 and 7.5 do not", () => {
    expect(check({ outcome: 0 }).success).toBe(true);
    expect(check({ outcome: 10 }).success).toBe(true);
    expect(refusedAt({ outcome: 11 })).toEqual(["outcome"]);
    expect(refusedAt({ outcome: -1 })).toEqual(["outcome"]);
    expect(refusedAt({ outcome: 7.5 })).toEqual(["outcome"]);
  });

  it("rate agreement items 1–5: 6 and 0 are refused, also where 'n/a' is offered", () => {
    expect(refusedAt({ mission_1: 6 })).toEqual(["mission_1"]);
    expect(refusedAt({ mission_1: 0 })).toEqual(["mission_1"]);
    expect(refusedAt({ mission_3: 6 })).toEqual(["mission_3"]);
    expect(refusedAt({ mission_3: "4" })).toEqual(["mission_3"]);
  });

  it("still require every scored item and the outcome: 'n/a' is an answer, leaving it open is not", () => {
    const { mission_3: _, outcome: __, ...rest } = valid();
    const result = schema.safeParse(rest);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join(".")).sort()).toEqual(["mission_3", "outcome"]);
  });
});
