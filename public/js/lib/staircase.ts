/**
 * The dashboard's staircase: the seven levels top-down, each step's bar on one 0–100 scale with
 * its 95% margin, the weak threshold and the benchmark tick, the flags (not measured reliably,
 * weak, possibly weak, divided) and the start-here level — or "no clear starting point"; the same figures as a table, where the benchmark comes
 * from, and why change has to start where it does.
 */
import { table } from "../components/data-table.js";
import { longDate } from "./dates.js";
import { startWhy } from "./diagnosis-texts.js";
import { thresholdLabel } from "./heatmap.js";
import type { PanelContext } from "./managers-panel.js";
import type { Released } from "./report-types.js";
import { $, el } from "./ui.js";

export function drawStaircase(report: Released, ctx: PanelContext, isConsultant: boolean): void {
  const { t } = ctx;
  const list = $("staircase");
  list.replaceChildren();
  $("legend-threshold").textContent = thresholdLabel(report.campaign.thresholds, t);
  const rows: (string | number)[][] = [];
  report.levels.forEach((l, i) => {
    const li = el("li");
    // Each step's name sits one step further in (the staircase); every bar starts at the same x on the same 0–100 scale.
    li.style.setProperty("--step", String(i));
    if (l.weak) li.classList.add("weak");
    if (l.divided) li.classList.add("divided");
    if (report.startHere?.level === l.id) li.classList.add("start");
    if (l.possiblyWeak) li.classList.add("possibly-weak");
    if (!l.reliable) li.classList.add("unreliable");
    const bar = el("div", undefined, "bar");
    const fill = el("span", undefined, "fill");
    fill.style.width = `${l.score}%`;
    // The 95% margin as a whisker: "weak" means the whole whisker lies left of the threshold line.
    const margin = el("span", undefined, "ci");
    margin.style.left = `${l.ci95[0]}%`;
    margin.style.width = `${l.ci95[1] - l.ci95[0]}%`;
    const threshold = el("span", undefined, "threshold");
    threshold.style.left = `${l.bar}%`;
    bar.append(fill, margin, threshold);
    const benchmark = report.benchmark?.levels[l.id];
    if (benchmark !== undefined) {
      // A tick on the bar where the consultant's benchmark lies; its value is also in the table.
      const tick = el("i", undefined, "benchmark-tick");
      tick.style.left = `${benchmark}%`;
      tick.title = `${t("dashboard.benchmark")} ${benchmark}`;
      bar.append(tick);
    }
    li.append(el("span", `${i + 1}. ${l.name[ctx.lang]}`, "name"), bar, el("strong", String(Math.round(l.score))));
    const flags = [
      !l.reliable && t("unreliable"),
      l.weak && t("weak"),
      l.possiblyWeak && t("possibly_weak"),
      l.divided && t("divided"),
    ]
      .filter(Boolean)
      .join(", ");
    const agreement = l.agreement === null ? "–" : String(l.agreement);
    // Margin, spread and agreement in the tooltip and the table, not printed under every bar.
    const numbers = `95%: ${l.ci95[0]}–${l.ci95[1]} · SD ${l.sd} · ${t("agreement")} ${agreement} · + ${l.favourablePct}% / − ${l.unfavourablePct}%${benchmark !== undefined ? ` · ${t("dashboard.benchmark")} ${benchmark}` : ""}`;
    li.title =
      l.splitItems.length > 0
        ? `${numbers} · ${t("splitOn")} ${l.splitItems.map((name) => `“${report.questions[name]?.[ctx.lang] ?? name}”`).join(", ")}`
        : numbers;
    if (l.note) li.append(el("p", l.note[ctx.lang], "flag-note"));
    list.append(li);
    rows.push([
      l.name[ctx.lang],
      l.score,
      `${l.ci95[0]}–${l.ci95[1]}`,
      l.sd,
      agreement,
      `${l.favourablePct}%`,
      `${l.unfavourablePct}%`,
      ...(report.benchmark ? [benchmark ?? "–"] : []),
      flags || "–",
    ]);
  });
  const head = [
    t("level"),
    "0–100",
    t("margin95"),
    "SD",
    t("agreement"),
    "+",
    "−",
    ...(report.benchmark ? [t("dashboard.benchmark")] : []),
    t("verdict"),
  ];
  $("staircase-table").replaceChildren(table(head, rows));
  $("staircase-table").setAttribute("aria-label", `${t("staircase")}: ${t("asTable")}`);
  const note = $("benchmark-note");
  const set = report.benchmark;
  note.textContent = set
    ? set.madeOn
      ? t("benchmarkOfSet", { date: longDate(set.madeOn, ctx.lang), organisations: set.organisations ?? "" })
      : t("benchmarkForManager")
    : isConsultant
      ? t("dashboard.noBenchmark")
      : "";
  note.hidden = note.textContent === "";
  const start = report.startHere;
  const target = report.levels.find((l) => l.id === start?.level);
  const why = startWhy(start, t);
  $("start-level").textContent = target
    ? `${target.name[ctx.lang]}${why ? ` (${why})` : ""}`
    : start
      ? t("noStart")
      : "–";
  $("start-explanation").textContent = start?.explanation[ctx.lang] ?? "";
}
