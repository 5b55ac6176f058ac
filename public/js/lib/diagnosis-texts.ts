/** The words for a start-here pick's reasons and basis, shared by the dashboard and the workspace. */
import type { Loc } from "./ui.js";

export const DIAGNOSIS_TEXTS: Record<string, Loc> = {
  weak: { nl: "zwak", en: "weak" },
  possibly_weak: { nl: "mogelijk zwak", en: "possibly weak" },
  divided: { nl: "verdeeld", en: "divided" },
  desired_gap: { nl: "grootste verschil met gewenst", en: "largest gap to the desired state" },
  driver: { nl: "sterkste drijfveer", en: "strongest driver" },
  noStart: { nl: "geen niveau wijst zich aan", en: "no level stands out" },
};
