/**
 * An instrument read for a person: its questions grouped by what they measure — per level (current
 * and desired state), the decision-climate scales, the outcome, the decision factors, the groupings
 * and the comment — each text in Dutch and English. Pure, and without SurveyJS, so the workspace can
 * show a preview of any version before a round uses it; nothing is stored by reading it.
 */
import { CLIMATE_SCALES, type ClimateScale } from "../domain/factors.js";
import type { Localised } from "../domain/i18n.js";
import { LEVEL_IDS, type LevelId } from "../domain/levels.js";
import { DONT_KNOW, NOT_APPLICABLE } from "../domain/scoring.js";

export interface OutlineItem {
  name: string;
  title: Localised;
  reverse: boolean;
  desired: boolean;
  facet: string | null;
  /** Offers "don't know" or "n/a" (or both). */
  na: boolean;
}

export interface Outline {
  title: Localised;
  levels: { level: LevelId; items: OutlineItem[] }[];
  scales: { scale: ClimateScale; items: OutlineItem[] }[];
  outcome: OutlineItem | null;
  factors: { title: Localised; choices: { value: string; text: Localised }[] } | null;
  most: Localised | null;
  groupings: { dimension: string; title: Localised }[];
  comment: Localised | null;
}

type Json = Record<string, unknown>;

/** A SurveyJS text in both languages: one text for all, or per language with "default" as the fallback. */
export function localised(value: unknown, fallback = ""): Localised {
  if (typeof value === "string") return { nl: value, en: value };
  if (typeof value !== "object" || value === null) return { nl: fallback, en: fallback };
  const texts = value as Record<string, unknown>;
  const pick = (lang: "nl" | "en") =>
    typeof texts[lang] === "string"
      ? (texts[lang] as string)
      : typeof texts.default === "string"
        ? texts.default
        : fallback;
  return { nl: pick("nl"), en: pick("en") };
}

/** Every question of the pages, panels included, in order. */
function questionsOf(json: Json): Json[] {
  const out: Json[] = [];
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const e of elements as Json[]) {
      if (typeof e !== "object" || e === null) continue;
      if (Array.isArray(e.elements)) walk(e.elements);
      else if (typeof e.type === "string" && e.type !== "html") out.push(e);
    }
  };
  for (const page of Array.isArray(json.pages) ? (json.pages as Json[]) : []) walk(page?.elements);
  return out;
}

const UNSCORED: readonly string[] = [DONT_KNOW, NOT_APPLICABLE];

const item = (q: Json): OutlineItem => ({
  name: String(q.name),
  title: localised(q.title, String(q.name)),
  reverse: q.reverse === true,
  desired: q.perspective === "desired",
  facet: typeof q.facet === "string" ? q.facet : null,
  na:
    Array.isArray(q.rateValues) &&
    (q.rateValues as unknown[]).some((v) =>
      UNSCORED.includes((typeof v === "object" && v !== null ? (v as Json).value : v) as string),
    ),
});

export function instrumentOutline(json: Json): Outline {
  const questions = questionsOf(json);
  const ratings = questions.filter((q) => q.type === "rating");
  const factorsQuestion = questions.find((q) => q.decision === "factors");
  const mostQuestion = questions.find((q) => q.decision === "most");
  const comment = questions.find((q) => q.freeText === true);
  const outcome = ratings.find((q) => q.outcome === true);
  return {
    title: localised(json.title, String(json.instrumentId ?? "")),
    levels: LEVEL_IDS.map((level) => ({
      level,
      items: ratings.filter((q) => q.level === level && q.outcome !== true).map(item),
    })).filter((l) => l.items.length > 0),
    scales: CLIMATE_SCALES.map((scale) => ({
      scale,
      items: ratings.filter((q) => q.scale === scale).map(item),
    })).filter((s) => s.items.length > 0),
    outcome: outcome ? item(outcome) : null,
    factors: factorsQuestion
      ? {
          title: localised(factorsQuestion.title),
          choices: (Array.isArray(factorsQuestion.choices) ? (factorsQuestion.choices as unknown[]) : []).map((c) =>
            typeof c === "object" && c !== null
              ? { value: String((c as Json).value), text: localised((c as Json).text, String((c as Json).value)) }
              : { value: String(c), text: localised(String(c)) },
          ),
        }
      : null,
    most: mostQuestion ? localised(mostQuestion.title) : null,
    groupings: questions
      .filter((q) => typeof q.grouping === "string")
      .map((q) => ({ dimension: q.grouping as string, title: localised(q.title) })),
    comment: comment ? localised(comment.title) : null,
  };
}
