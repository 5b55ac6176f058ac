/**
 * Chart.js set-up the dashboard's canvas charts share: the components registered once, one
 * place that replaces a chart (the old one destroyed, so no figure outlives a round, filter or
 * language), the options every chart has (no animation, sized by its box), and category labels
 * wrapped so that none is cut off on a phone.
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
export const CHART_FONT = { family: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 12 };
Chart.defaults.font.family = CHART_FONT.family;
Chart.defaults.font.size = CHART_FONT.size;
Chart.defaults.color = "#374151";

/** The charts of one page by canvas id. */
export type Charts = Map<string, Chart>;

/** Removes the chart drawn on this canvas, if any. */
export function clearChart(charts: Charts, id: string): void {
  charts.get(id)?.destroy();
  charts.delete(id);
}

/**
 * Draws a chart on the canvas `id`, in place of the one there: the canvas is named for screen
 * readers (each chart has a table beside it), animation is off and the chart fills its box.
 */
export function drawChart<T extends ChartType>(
  charts: Charts,
  id: string,
  label: string,
  config: ChartConfiguration<T>,
): void {
  clearChart(charts, id);
  const canvas = document.getElementById(id) as HTMLCanvasElement;
  canvas.setAttribute("aria-label", label);
  charts.set(
    id,
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
  const ctx = document.createElement("canvas").getContext("2d")!;
  ctx.font = `${CHART_FONT.size}px ${CHART_FONT.family}`;
  return (s) => ctx.measureText(s).width;
}
