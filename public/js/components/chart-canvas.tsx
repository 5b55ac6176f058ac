/**
 * A canvas that draws its Chart.js chart through the shared helper (lib/charts.ts) once it is on
 * the page, in place of the chart drawn before under the same key. It is an image to screen
 * readers, named by `label`; the figures themselves are in the table beside it.
 */
import type { ChartConfiguration } from "chart.js";

import { type Charts, drawChart } from "../lib/charts.js";

export interface ChartCanvasProps {
  charts: Charts;
  /** The key the chart is kept under (and the canvas id, when `id` is set). */
  chartKey: string;
  id?: string;
  label: string;
  config: ChartConfiguration;
}

export function ChartCanvas({ charts, chartKey, id, label, config }: ChartCanvasProps) {
  // hono/jsx/dom builds the tree before it is attached; the chart is drawn when the canvas has
  // its size on the page, and not at all if a newer render replaced it first.
  const draw = (canvas: HTMLCanvasElement | null) => {
    if (!canvas) return;
    queueMicrotask(() => {
      if (canvas.isConnected) drawChart(charts, { key: chartKey, canvas }, label, config);
    });
  };
  return <canvas id={id} role="img" aria-label={label} ref={draw} />;
}
