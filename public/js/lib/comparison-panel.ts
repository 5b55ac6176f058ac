/**
 * The workspace's comparison of chosen rounds, also of different organisations, against the
 * benchmark: their profiles as a chart with the benchmark line (each level with its percentile in
 * the table beside it), where each has to start, their decision mixes, the current–desired gap and
 * Cronbach's alpha per level. Rounds that cannot be compared are named with the reason.
 */
import { type LevelId, LEVELS } from "../../../src/domain/levels.js";
import type { compareCampaigns } from "../../../src/services/compare.js";
import { table } from "../components/data-table.js";
import { CHART_COLOURS, type Charts, clearChart, drawChart, seriesColour } from "./charts.js";
import { longDate } from "./dates.js";
import { errorText } from "./errors.js";
import type { PanelContext } from "./managers-panel.js";
import { startText } from "./round-texts.js";
import { $, api, decimal } from "./ui.js";

/** The comparison as the API answers (src/services/compare.ts). */
type Comparison = Awaited<ReturnType<typeof compareCampaigns>>;
type Compared = Comparison["campaigns"][number];

export function comparisonPanel(
  ctx: PanelContext,
  hooks: {
    say(text: string, error?: boolean): void;
    levelName(id: string): string;
    charts: Charts;
  },
) {
  const { t } = ctx;
  let comparison: Comparison | null = null;

  const fetchComparison = (ids: readonly string[]) =>
    api<Comparison>(`/api/compare?campaigns=${ids.map(encodeURIComponent).join(",")}`);

  function render(): void {
    clearChart(hooks.charts, "profiles");
    const section = $("comparison");
    section.hidden = comparison === null;
    if (!comparison) return;
    const { campaigns, benchmark, excluded } = comparison;
    const name = (c: Compared) => `${c.organisation.name} – ${c.title}`;
    $("benchmark-note").textContent = benchmark
      ? t("benchmarkNote", {
          date: benchmark.madeOn ? longDate(benchmark.madeOn, ctx.lang) : "",
          organisations: benchmark.organisations ?? "",
        })
      : t("workspace.noBenchmark");
    const excludedBox = $("comparison-excluded");
    excludedBox.hidden = excluded.length === 0;
    excludedBox.textContent = t("excluded", {
      list: excluded.map((e) => `${e.organisation.name} – ${e.title} (${t(e.reason, { k: e.k })})`).join("; "),
    });

    const labels = LEVELS.map((l) => l.name[ctx.lang]);
    const score = (c: Compared, level: string) => c.levels.find((l) => l.id === level)?.score ?? null;
    const datasets = campaigns.map((c, i) => ({
      label: name(c),
      data: LEVELS.map((l) => score(c, l.id)),
      borderColor: seriesColour(i),
      backgroundColor: seriesColour(i),
      borderWidth: 2,
    }));
    if (benchmark) {
      datasets.push({
        label: t("workspace.benchmark"),
        data: LEVELS.map((l) => benchmark.levels[l.id] ?? null),
        borderColor: CHART_COLOURS.benchmark,
        backgroundColor: CHART_COLOURS.benchmark,
        borderWidth: 3,
        borderDash: [6, 4],
      } as never);
    }
    // Levels on the vertical axis, mission on top: the profile reads top-down like the staircase.
    drawChart(hooks.charts, "profiles", `${t("comparison")}: ${t("asTable")}`, {
      type: "line",
      data: { labels, datasets },
      options: { indexAxis: "y", scales: { x: { min: 0, max: 100 } } },
    });

    const cellOf = (c: Compared, level: LevelId) => {
      const s = score(c, level);
      const p = c.percentiles?.[level];
      return s === null ? "–" : p === undefined ? String(s) : `${s} (P${p})`;
    };
    $("comparison-table").replaceChildren(
      table(
        [t("level"), ...campaigns.map(name), ...(benchmark ? [t("workspace.benchmark")] : [])],
        LEVELS.map((l) => [
          l.name[ctx.lang],
          ...campaigns.map((c) => cellOf(c, l.id)),
          ...(benchmark ? [benchmark.levels[l.id] ?? "–"] : []),
        ]),
      ),
    );
    $("comparison-start").replaceChildren(
      table(
        [t("round"), t("workspace.startHere")],
        campaigns.map((c) => [name(c), startText(c, t, hooks.levelName)]),
      ),
    );
    $("comparison-factors").replaceChildren(
      table(
        [t("round"), t("system"), t("heart"), t("rules")],
        campaigns.map((c) => {
          const g = c.decisionFactors?.groups;
          return [
            name(c),
            g?.system ? `${g.system.mostPct}%` : "–",
            g?.heart ? `${g.heart.mostPct}%` : "–",
            g?.rules ? `${g.rules.chosenPct}%` : "–",
          ];
        }),
      ),
    );
    $("comparison-desired").replaceChildren(
      table(
        [t("level"), ...campaigns.map(name)],
        LEVELS.map((l) => [
          l.name[ctx.lang],
          ...campaigns.map((c) => {
            if (!c.desiredGap) return t("noDesiredItems");
            const g = c.desiredGap.find((x) => x.level === l.id);
            return g ? `${g.current} → ${g.desired} (+${g.gap})` : "–";
          }),
        ]),
      ),
    );
    $("comparison-quality").replaceChildren(
      table(
        [t("level"), ...campaigns.map(name)],
        LEVELS.map((l) => [
          l.name[ctx.lang],
          ...campaigns.map((c) => {
            const r = c.reliability.find((x) => x.level === l.id);
            if (!r) return "–";
            const alpha = decimal(r.alpha, 2, ctx.lang);
            return r.warning ? `⚠ ${alpha}` : alpha;
          }),
        ]),
      ),
    );
  }

  /** Compares the picked rounds (at least two) and scrolls to the comparison. */
  async function compare(ids: readonly string[]): Promise<void> {
    if (ids.length < 2) return hooks.say(t("pickTwo"), true);
    const res = await fetchComparison(ids);
    if (res.status !== 200) return hooks.say(errorText(t, res), true);
    $("message").hidden = true;
    comparison = res.body;
    render();
    $("comparison").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  /** A comparison on screen is measured against the newest norm set from now on. */
  async function refresh(): Promise<void> {
    if (!comparison) return;
    const ids = comparison.campaigns.map((c) => c.id).concat(comparison.excluded.map((e) => e.id));
    const again = await fetchComparison(ids);
    if (again.status === 200) {
      comparison = again.body;
      render();
    }
  }

  return { compare, refresh, render };
}
