/**
 * The words of the diagnosis, shared by the dashboard, the workspace, the action plan and the
 * staff summary: a start-here pick's reasons and basis, a trend's verdict, the decision climate's
 * scales and the "weak" threshold. One place, so one idea is never said two ways.
 */
import type { Loc } from "./ui.js";

type T = (key: string, vars?: Record<string, string | number>) => string;

export const DIAGNOSIS_TEXTS: Record<string, Loc> = {
  weak: { nl: "zwak", en: "weak" },
  possibly_weak: { nl: "mogelijk zwak", en: "possibly weak" },
  divided: { nl: "verdeeld", en: "divided" },
  desired_gap: { nl: "grootste verschil met gewenst", en: "largest gap to the desired state" },
  driver: { nl: "sterkste drijfveer", en: "strongest driver" },
  noStart: { nl: "geen niveau wijst zich aan", en: "no level stands out" },
  /** The "weak" threshold, in the staircase's legend and the heatmap's. */
  weakThreshold: { nl: "drempel ‘zwak’: {w}", en: "‘weak’ threshold: {w}" },
  /** The 95% margin, in the staircase's legend and its table. */
  margin95: { nl: "95%-marge", en: "95% margin" },
  // A trend step's verdict (src/domain/trends.ts TrendLabel), and "none" where no step was tested.
  improved: { nl: "verbeterd", en: "improved" },
  declined: { nl: "verslechterd", en: "declined" },
  no_significant_change: { nl: "geen significante verandering", en: "no significant change" },
  not_meaningful: { nl: "significant, maar kleiner dan {min} punten", en: "significant, but less than {min} points" },
  not_meaningful_small: { nl: "significant, maar klein", en: "significant, but small" },
  not_comparable: {
    nl: "niet vergelijkbaar: de versies delen minder dan 2 vragen",
    en: "not comparable: the versions share fewer than 2 items",
  },
  trend_none: { nl: "niet getoetst (rondes ertussen of onder k)", en: "not tested (rounds in between, or below k)" },
  // The decision climate's scales (src/domain/factors.ts CLIMATE_SCALES), named as their items put it.
  climate_mandate: { nl: "Ruimte om af te wijken", en: "Room to deviate" },
  climate_accountability_fear: { nl: "Angst om afgerekend te worden", en: "Fear of being held to account" },
  climate_equal_treatment: {
    nl: "Uitzondering alleen als het voor iedereen kan",
    en: "An exception only if possible for all",
  },
};

/** The start-here pick in words: why this level ("divided", "weak, divided", "strongest driver"), empty when no level stands out. */
export function startWhy(start: { basis: string; reasons: readonly string[] } | null | undefined, t: T): string {
  if (!start || start.basis === "none") return "";
  return (start.basis === "flagged" ? start.reasons.map((r) => t(r)) : [t(start.basis)]).join(", ");
}

/** A trend step's verdict; without the minimum change at hand, "significant, but small". */
export function trendVerdict(label: string | null | undefined, t: T, minimumChange?: number): string {
  if (!label) return t("trend_none");
  if (label === "not_meaningful" && minimumChange === undefined) return t("not_meaningful_small");
  return t(label, minimumChange === undefined ? {} : { min: minimumChange });
}

/** A decision-climate scale's name. */
export const climateName = (scale: string, t: T) => t(`climate_${scale}`);
