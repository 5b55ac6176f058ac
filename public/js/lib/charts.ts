/**
 * The one Chart.js set-up every page's canvas charts share: the components registered once, the
 * colours of every chart in one place, one place that replaces a chart (the old one destroyed,
 * so no figure outlives a round, filter or language), the options every chart has (no animation,
 * sized by its box, named for screen readers — each chart has a table beside it), and category
 * labels wrapped so that none is cut off on a phone.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartType,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);

/** The font Chart.js draws tick labels in (its default size, the page's family). */
const CHART_FONT = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 12 };

/** Every colour a chart draws with. */
export const CHART_COLOURS = {
  /** Tick labels and legends. */
  ink: "#374151",
  /** One series each: the levels in a trend, the rounds in a comparison. */
  series: ["#1d4ed8", "#0e7490", "#7c3aed", "#b45309", "#be123c", "#15803d", "#475569"],
  /** The benchmark line drawn over the series. */
  benchmark: "#111827",
  /** The decision-factor bars by side and measure: the bars, their legend and the split bar use these. */
  factors: {
    system: { chosen: "#64748b", most: "#cbd5e1" },
    heart: { chosen: "#c2410c", most: "#fdba74" },
  },
  /** How it is and how it should be. */
  desired: { current: "#5b8def", wanted: "#a7c4f7" },
} as const;

/** The colour of the `i`-th series, starting again after the last. */
export const seriesColour = (i: number) => CHART_COLOURS.series[i % CHART_COLOURS.series.length] ?? "#475569";

Chart.defaults.font.family = CHART_FONT.family;
Chart.defaults.font.size = CHART_FONT.size;
Chart.defaults.color = CHART_COLOURS.ink;

/** The charts of one page by key (the canvas id, or a name for a canvas without one). */
export type Charts = Map<string, Chart>;

/** Removes the chart drawn under this key, if any. */
export function clearChart(charts: Charts, key: string): void {
  charts.get(key)?.destroy();
  charts.delete(key);
}

/** Removes every chart whose key starts with `prefix`. */
export function clearCharts(charts: Charts, prefix: string): void {
  for (const key of [...charts.keys()]) if (key.startsWith(prefix)) clearChart(charts, key);
}

/**
 * Draws a chart on a canvas (by id, or the element itself under `key`), in place of the one drawn
 * under that key: the canvas is named for screen readers, animation is off and the chart fills its box.
 */
export function drawChart<T extends ChartType>(
  charts: Charts,
  target: string | { key: string; canvas: HTMLCanvasElement },
  label: string,
  config: ChartConfiguration<T>,
): void {
  const key = typeof target === "string" ? target : target.key;
  const canvas = typeof target === "string" ? (document.getElementById(target) as HTMLCanvasElement) : target.canvas;
  clearChart(charts, key);
  canvas.setAttribute("aria-label", label);
  charts.set(
    key,
    new Chart(canvas, {
      ...config,
      options: { maintainAspectRatio: false, animation: false, ...config.options },
    } as ChartConfiguration),
  );
}

/**
 * Splits a label into lines no wider than `maxWidth` pixels in the chart's tick font (a word
 * longer than that stands on its own line). Chart.js gives a vertical axis at most half the
 * chart's width and cuts off whatever is wider, so long labels have to wrap.
 */
export function wrapLabel(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && measure(next) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A measure of text in the charts' tick font, for wrapLabel. */
export function tickTextMeasure(): (s: string) => number {
  const ctx = document.createElement("canvas").getContext("2d");
  if (!ctx) throw new Error("This browser draws no 2D canvas, which the charts need");
  ctx.font = `${CHART_FONT.size}px ${CHART_FONT.family}`;
  return (s) => ctx.measureText(s).width;
}
