/**
 * Builds the strict zod schema a campaign's answers must satisfy. SurveyJS's own validate()
 * lets out-of-range ratings and unknown choices through, so the server checks every answer:
 * exact keys, integer ratings in range ("don't know" and "n/a" only on the items that offer them),
 * choices from the item or the campaign's units.
 *
 * The same rule also comes as one plain function (answersCheck), which the submission path runs
 * first: zod's parse of 40-odd fields was a fifth of a submission's time, most of it copies and
 * garbage. The schema stays the rule and the voice: answers the check refuses go through it, for
 * its verdict and its issues. A test holds the two to the same answer on thousands of drawn inputs.
 */
import { z } from "zod";

import type { CampaignUnits } from "../domain/units.js";
import type { Instrument, QuestionSpec } from "./instrument.js";

function fieldSchema(spec: QuestionSpec, units: CampaignUnits): z.ZodType {
  switch (spec.kind) {
    case "rating": {
      const scale = z.int().min(spec.min).max(spec.max);
      // "Don't know" and "n/a" only where the item offers them: SurveyJS would let any value through.
      const unscored = [spec.dk, spec.na].filter((v) => v !== undefined);
      return unscored.length > 0 ? z.union([scale, ...unscored.map((v) => z.literal(v))]) : scale;
    }
    case "text":
      return z.string().max(spec.maxLength);
    case "multi":
      return z
        .array(z.enum(spec.choices as [string, ...string[]]))
        .min(spec.required ? 1 : 0)
        .refine((list) => new Set(list).size === list.length, "each choice may be given once");
    case "single": {
      const choices = singleChoices(spec, units);
      return choices.length > 0 ? z.enum(choices as [string, ...string[]]) : z.never();
    }
  }
}

/** The choices of a single-choice question: its own, or the campaign's units of its grouping. */
function singleChoices(spec: Extract<QuestionSpec, { kind: "single" }>, units: CampaignUnits): readonly string[] {
  return Array.isArray(spec.choices)
    ? spec.choices
    : (units[(spec.choices as { grouping: keyof CampaignUnits }).grouping] ?? []).map((u) => u.value);
}

/** The questions a campaign's answers may hold: a grouping the campaign does not use is not asked, so it must not be answered. */
function askedQuestions(instrument: Instrument, units: CampaignUnits): QuestionSpec[] {
  return instrument.questions.filter(
    (spec) =>
      spec.kind !== "single" ||
      Array.isArray(spec.choices) ||
      (units[(spec.choices as { grouping: keyof CampaignUnits }).grouping]?.length ?? 0) > 0,
  );
}

export function answersSchema(instrument: Instrument, units: CampaignUnits) {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of askedQuestions(instrument, units)) {
    const field = fieldSchema(spec, units);
    shape[spec.name] = spec.required ? field : field.optional();
  }
  const subsets = instrument.questions.filter((s) => s.kind === "single" && s.subsetOf);
  return z.strictObject(shape).superRefine((answers, ctx) => {
    for (const spec of subsets) {
      const value = answers[spec.name];
      const source = answers[(spec as { subsetOf: string }).subsetOf];
      if (value !== undefined && !(Array.isArray(source) && source.includes(value))) {
        ctx.addIssue({
          code: "custom",
          path: [spec.name],
          message: "must be one of the choices ticked in the previous question",
        });
      }
    }
  });
}

/** One answer's check, as fieldSchema's schema decides it (a value read as zod reads it: absent is undefined). */
function fieldCheck(spec: QuestionSpec, units: CampaignUnits): (value: unknown) => boolean {
  switch (spec.kind) {
    case "rating": {
      const { min, max, dk, na } = spec;
      return (v) =>
        (typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max) ||
        (v !== undefined && (v === dk || v === na));
    }
    case "text": {
      const { maxLength } = spec;
      return (v) => typeof v === "string" && v.length <= maxLength;
    }
    case "multi": {
      const choices = new Set(spec.choices);
      const least = spec.required ? 1 : 0;
      return (v) =>
        Array.isArray(v) &&
        v.length >= least &&
        v.every((x) => typeof x === "string" && choices.has(x)) &&
        new Set(v).size === v.length;
    }
    case "single": {
      const choices = new Set(singleChoices(spec, units));
      return (v) => typeof v === "string" && choices.has(v);
    }
  }
}

/**
 * answersSchema's rule as one plain function: true exactly where the schema accepts the answers,
 * which are then the schema's output as they are (it would copy them, keys and values unchanged).
 */
export function answersCheck(
  instrument: Instrument,
  units: CampaignUnits,
): (answers: unknown) => answers is Record<string, unknown> {
  const asked = askedQuestions(instrument, units);
  const names = new Set(asked.map((spec) => spec.name));
  const fields = asked.map((spec) => ({ name: spec.name, required: spec.required, check: fieldCheck(spec, units) }));
  const subsets = asked.flatMap((spec) =>
    spec.kind === "single" && spec.subsetOf ? [{ name: spec.name, source: spec.subsetOf }] : [],
  );
  return (answers: unknown): answers is Record<string, unknown> => {
    if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return false;
    const record = answers as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!names.has(key)) return false;
    for (const { name, required, check } of fields) {
      const value = record[name];
      if (value === undefined ? required : !check(value)) return false;
    }
    return subsets.every(({ name, source }) => {
      const value = record[name];
      const chosen = record[source];
      return value === undefined || (Array.isArray(chosen) && chosen.includes(value));
    });
  };
}
