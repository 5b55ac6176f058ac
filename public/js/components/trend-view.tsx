/**
 * The trend of an organisation's levels across its rounds, as the dashboard and the workspace
 * both show it: the level scores per round as line charts, a table of the tested steps (raw and
 * Holm-adjusted p beside each verdict) and the rule the verdicts follow. Two readings of the same
 * data: `latest` (the dashboard: the latest round against the one before, every level in one
 * chart) and `all` (the workspace: every step, a small chart per level with its verdict).
 */
import { render } from "hono/jsx/dom";

import type { TrendsView as Trends } from "../../../src/services/trends.js";
import type { Translate as T } from "../i18n/index.js";
import { type Charts, clearCharts, seriesColour } from "../lib/charts.js";
import { trendVerdict } from "../lib/diagnosis-texts.js";
import { ChartCanvas } from "./chart-canvas.js";
import { DataTable } from "./data-table.js";
type LevelTrend = Trends["levels"][number];
type Step = LevelTrend["steps"][number];

export interface TrendViewProps {
  trends: Trends;
  t: T;
  levelName: (id: string) => string;
  charts: Charts;
  steps: "latest" | "all";
}

/** Every chart of the trend view is kept under a key with this prefix. */
const KEY = "trend";

const pValue = (p: number | null) => (p === null ? "–" : p < 0.001 ? "< 0.001" : String(p));
const signed = (x: number | null) => (x === null ? "–" : x > 0 ? `+${x}` : String(x));

function TrendView({ trends, t, levelName, charts, steps }: TrendViewProps) {
  const min = trends.minimumChange;
  const rounds = trends.rounds.filter((r) => r.included);
  const series = (l: LevelTrend) =>
    rounds.map((r) => l.points.find((p) => p.campaignId === r.campaignId)?.score ?? null);
  // On shared items a step has its own scores, which differ from the rounds' level scores.
  const verdict = (s: Step) =>
    trendVerdict(s.label, t, min) +
    (s.basis === "shared_items" ? ` (${t("sharedBasis", { n: s.sharedItems?.length ?? 0 })})` : "");
  const titleOf = new Map(trends.rounds.map((r) => [r.campaignId, r.title]));
  const score = (id: string, value: number | string) => (steps === "all" ? `${titleOf.get(id)}: ${value}` : value);
  const rows = trends.levels.flatMap((l) =>
    l.steps
      .map((s, i) => [s, i] as const)
      .slice(steps === "all" ? 0 : -1)
      .map(([s, i]) => [
        levelName(l.level),
        score(s.from, s.fromScore ?? l.points[i]?.score ?? "–"),
        score(s.to, s.toScore ?? l.points[i + 1]?.score ?? "–"),
        signed(s.change),
        pValue(s.p),
        pValue(s.pAdjusted),
        verdict(s),
      ]),
  );
  const head = [
    t("level"),
    ...(steps === "all" ? [t("from"), t("to")] : [t("before"), t("after")]),
    t("change"),
    "p",
    "p (Holm)",
    t("verdict"),
  ];

  return (
    <>
      {steps === "all" ? (
        <div id="trend-charts" class="small-multiples">
          {trends.levels.map((l, i) => {
            const last = l.steps.at(-1);
            const name = levelName(l.level);
            const said = trendVerdict(last?.label, t, min);
            return (
              <figure>
                <figcaption class={`trend-label ${last?.label ?? ""}`}>{`${name} · ${said}`}</figcaption>
                <div class="chart-box mini-box">
                  <ChartCanvas
                    charts={charts}
                    chartKey={`${KEY}-${l.level}`}
                    label={`${name}: ${l.points.map((p) => p.score).join(" → ")}, ${said}`}
                    config={{
                      type: "line",
                      data: {
                        labels: rounds.map((r) => r.date.slice(0, 7)),
                        datasets: [
                          {
                            label: name,
                            data: series(l),
                            borderColor: seriesColour(i),
                            backgroundColor: seriesColour(i),
                          },
                        ],
                      },
                      options: { plugins: { legend: { display: false } }, scales: { y: { min: 0, max: 100 } } },
                    }}
                  />
                </div>
              </figure>
            );
          })}
        </div>
      ) : (
        <div class="chart-box small-box">
          <ChartCanvas
            charts={charts}
            chartKey={KEY}
            id={KEY}
            label={`${t("trend")}: ${t("asTable")}`}
            config={{
              type: "line",
              data: {
                labels: rounds.map((r) => `${r.title} (${r.date.slice(0, 7)})`),
                datasets: trends.levels.map((l, i) => ({
                  label: levelName(l.level),
                  data: series(l),
                  borderColor: seriesColour(i),
                  backgroundColor: seriesColour(i),
                })),
              },
              options: { scales: { y: { min: 0, max: 100 } } },
            }}
          />
        </div>
      )}
      <div id="trend-table" class="table-scroll" tabindex={0}>
        <DataTable head={head} rows={rows} />
      </div>
      <p class="muted small" id="trend-note">
        {t(steps === "all" ? "workspace.trendNote" : "dashboard.trendNote", { min })}
      </p>
    </>
  );
}

/**
 * Shows the trend view in `holder`, or nothing when no level has two rounds to compare; the
 * charts drawn before are removed either way. Says whether there was a trend to show.
 */
export function showTrends(
  holder: HTMLElement,
  props: Omit<TrendViewProps, "trends"> & { trends: Trends | null },
): boolean {
  clearCharts(props.charts, KEY);
  const { trends } = props;
  const shown = trends !== null && trends.levels.length > 0;
  render(shown ? <TrendView {...props} trends={trends} /> : null, holder);
  return shown;
}
