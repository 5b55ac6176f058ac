/**
 * Builds the strict zod schema a campaign's answers must satisfy. SurveyJS's own validate()
 * lets out-of-range ratings and unknown choices through, so the server checks every answer:
 * exact keys, integer ratings in range ("don't know" and "n/a" only on the items that offer them),
 * choices from the item or the campaign's units.
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
      const choices = Array.isArray(spec.choices)
        ? spec.choices
        : (units[(spec.choices as { grouping: keyof CampaignUnits }).grouping] ?? []).map((u) => u.value);
      return choices.length > 0 ? z.enum(choices as [string, ...string[]]) : z.never();
    }
  }
}

export function answersSchema(instrument: Instrument, units: CampaignUnits) {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of instrument.questions) {
    // A grouping the campaign does not use is not asked, so it must not be answered.
    if (spec.kind === "single" && !Array.isArray(spec.choices)) {
      const dimension = (spec.choices as { grouping: keyof CampaignUnits }).grouping;
      if (!units[dimension]?.length) continue;
    }
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
