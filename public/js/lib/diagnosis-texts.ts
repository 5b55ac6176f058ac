/**
 * The diagnosis said in words, shared by the dashboard, the workspace, the action plan and the
 * staff summary: a start-here pick's reasons and basis, a trend's verdict and the decision climate's
 * scales, each from its catalogue text (public/js/i18n). One place, so one idea is never said two ways.
 */
import type { ClimateScale } from "../../../src/domain/factors.js";
import type { Basis, Reason } from "../../../src/domain/start-here.js";
import type { TrendLabel } from "../../../src/domain/trends.js";
import type { Translate } from "./ui.js";

/** The start-here pick in words: why this level ("divided", "weak, divided", "strongest driver"), empty when no level stands out. */
export function startWhy(start: { basis: Basis; reasons: readonly Reason[] } | null | undefined, t: Translate): string {
  if (!start || start.basis === "none") return "";
  return (start.basis === "flagged" ? start.reasons.map((r) => t(r)) : [t(start.basis)]).join(", ");
}

/** A trend step's verdict; without the minimum change at hand, "significant, but small". */
export function trendVerdict(label: TrendLabel | null | undefined, t: Translate, minimumChange?: number): string {
  if (!label) return t("trend_none");
  if (label === "not_meaningful" && minimumChange === undefined) return t("not_meaningful_small");
  return t(label, minimumChange === undefined ? {} : { min: minimumChange });
}

/** A decision-climate scale's name. */
export const climateName = (scale: ClimateScale, t: Translate) => t(`climate_${scale}`);
