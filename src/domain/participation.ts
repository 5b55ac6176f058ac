/**
 * Participation: all that can be read of a round while it runs. The round's respondents, and per
 * unit of each dimension a count only when the unit has k or more and stays shown under the
 * same secondary suppression as a heatmap, so no hidden unit's count follows from the total.
 * Counts say who took part, never what anyone answered.
 */
import { heatmapUnits, type CountedCell } from "./disclosure.js";
import type { Localised } from "./i18n.js";
import { DIMENSIONS, type CampaignUnits, type Dimension } from "./units.js";

export interface UnitParticipation {
  value: string;
  label: Localised;
  /** Null when hidden: fewer than k, or hidden with them. */
  n: number | null;
}

export function unitParticipation(cells: readonly CountedCell[], units: CampaignUnits, k: number): Partial<Record<Dimension, UnitParticipation[]>> {
  const out: Partial<Record<Dimension, UnitParticipation[]>> = {};
  for (const d of DIMENSIONS) {
    const list = units[d];
    if (!list?.length) continue;
    out[d] = heatmapUnits(cells, d, list, {}, k).map((u, i) => ({ value: u.value, label: list[i]!.label, n: u.suppressed || u.n < k ? null : u.n }));
  }
  return out;
}
