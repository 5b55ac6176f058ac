/**
 * One of the dashboard's heatmap sections: the levels per unit of one dimension (department or
 * role) as a colour-coded table (lib/heatmap.ts) with its legend, or nothing at all.
 */
import { heatLegend, heatmapTable } from "./heatmap.js";
import type { PanelContext } from "./managers-panel.js";
import type { Level, Released } from "./report-types.js";
import { $, type TextKey } from "./ui.js";

/** A heatmap of the levels per unit of one dimension, with its legend; none when the round publishes no breakdown. */
export function drawHeatmap(
  id: string,
  title: TextKey,
  report: Released | null,
  levels: Level[],
  ctx: PanelContext,
): void {
  const { t } = ctx;
  const holder = $(id);
  const legend = $(`${id}-legend`);
  holder.replaceChildren();
  legend.replaceChildren();
  if (!report?.heatmap) return;
  holder.setAttribute("aria-label", `${t(title)}: ${t("asTable")}`);
  holder.append(heatmapTable(report.heatmap, levels, t(title), t, ctx.lang));
  legend.append(heatLegend(report.campaign.thresholds, t));
}
