/**
 * The dashboard's current against desired state: per level how it is and how it should be, as a
 * bar chart and as a table, or a note that the round did not ask.
 */
import { table } from "../components/data-table.js";
import { CHART_COLOURS, type Charts, clearChart, drawChart } from "./charts.js";
import type { PanelContext } from "./managers-panel.js";
import type { Released } from "./report-types.js";
import { $ } from "./ui.js";

export function drawDesired(report: Released, ctx: PanelContext, charts: Charts): void {
  const { t } = ctx;
  clearChart(charts, "desired");
  const holder = $("desired-table");
  holder.replaceChildren();
  const gap = report.desiredGap;
  $("desired-empty").hidden = gap !== null;
  $("desired-box").hidden = gap === null;
  if (!gap) return;
  const names = new Map(report.levels.map((l) => [l.id, l.name[ctx.lang]]));
  const labels = gap.map((g) => names.get(g.level) ?? g.level);
  drawChart(charts, "desired", `${t("dashboard.desired")}: ${t("asTable")}`, {
    type: "bar",
    data: {
      labels,
      datasets: [
        { label: t("current"), data: gap.map((g) => g.current), backgroundColor: CHART_COLOURS.desired.current },
        { label: t("wanted"), data: gap.map((g) => g.desired), backgroundColor: CHART_COLOURS.desired.wanted },
      ],
    },
    options: { indexAxis: "y", scales: { x: { min: 0, max: 100 } } },
  });
  holder.append(
    table(
      [t("level"), t("current"), t("wanted"), "Δ"],
      gap.map((g, i) => [labels[i] ?? g.level, g.current, g.desired, `+${g.gap}`]),
    ),
  );
}
