/**
 * The dashboard's decision factors: what staff base an exception on, as a headline, a split bar
 * (system against heart), a bar chart of every factor (named it, weighs it most) with its legend
 * and the same figures as a table.
 */
import { table } from "../components/data-table.js";
import { CHART_COLOURS, type Charts, clearChart, drawChart, tickTextMeasure, wrapLabel } from "./charts.js";
import type { PanelContext } from "./managers-panel.js";
import type { Released } from "./report-types.js";
import { $, el } from "./ui.js";

export function drawFactors(report: Released, ctx: PanelContext, charts: Charts): void {
  const { t } = ctx;
  clearChart(charts, "factors");
  const mix = report.decisionFactors;
  $("factors-headline").textContent = mix?.headline[ctx.lang] ?? "";
  const split = $("split");
  split.replaceChildren();
  $("factors-table").replaceChildren();
  $("factors-legend").replaceChildren();
  if (!mix) return;
  const sys = mix.groups.system?.mostPct ?? 0;
  const heart = mix.groups.heart?.mostPct ?? 0;
  const a = el("div", `${t("system")} ${Math.round(sys)}%`, "system");
  a.style.width = `${Math.max(sys, 8)}%`;
  a.style.background = CHART_COLOURS.factors.system.chosen;
  const b = el("div", `${t("heart")} ${Math.round(heart)}%`, "heart");
  b.style.width = `${Math.max(heart, 8)}%`;
  b.style.background = CHART_COLOURS.factors.heart.chosen;
  split.append(a, b);
  // Each bar's colour says its side (system, heart) and its measure (names it, weighs it most); the legend shows all four.
  const colourOf = (side: "system" | "heart", measure: "chosen" | "most") => CHART_COLOURS.factors[side][measure];
  const legend = $("factors-legend");
  for (const side of ["system", "heart"] as const) {
    for (const measure of ["chosen", "most"] as const) {
      const swatch = el("span", undefined, "swatch");
      swatch.style.background = colourOf(side, measure);
      const li = el("li");
      li.append(swatch, el("span", `${t(side)}: ${t(measure).toLowerCase()}`));
      legend.append(li);
    }
  }
  // Labels wrap to the width Chart.js gives the axis (at most half the chart), so none is cut off on a phone.
  const box = $("factors").parentElement ?? $("factors");
  const measure = tickTextMeasure();
  const labels = mix.factors.map((f) => wrapLabel(f.label[ctx.lang], box.clientWidth * 0.45 - 12, measure));
  // Each factor's band holds its two bars and its longest label (lines of about 15 px).
  const band = Math.max(2, ...labels.map((l) => l.length)) * 15 + 14;
  box.style.height = `${Math.max(22 * 16, labels.length * band + 60)}px`;
  drawChart(charts, "factors", mix.headline[ctx.lang], {
    type: "bar",
    data: {
      labels,
      datasets: (["chosen", "most"] as const).map((measure) => ({
        label: t(measure),
        data: mix.factors.map((f) => (measure === "chosen" ? f.chosenPct : f.mostPct)),
        backgroundColor: mix.factors.map((f) => colourOf(f.side, measure)),
      })),
    },
    options: {
      indexAxis: "y",
      plugins: { legend: { display: false } },
      scales: { x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } }, y: { ticks: { autoSkip: false } } },
    },
  });
  $("factors-table").append(
    table(
      [t("factor"), t("chosen"), t("most")],
      mix.factors.map((f) => [f.label[ctx.lang], `${f.chosenPct}%`, `${f.mostPct}%`]),
    ),
  );
}
