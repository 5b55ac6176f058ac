/**
 * A heatmap of the seven levels per unit (department, role), drawn as a table: one row per unit,
 * one column per level, each cell coloured by its score on a colour-blind-safe diverging scale
 * that turns at the level's "weak" bar. Being a table, it is read by screen readers as
 * one, its text contrast can be checked, and it prints without being cut off.
 */
import type { CampaignReport } from "../../../src/services/reports.js";
import { el, type Lang, type Translate } from "./ui.js";

type Released = Extract<CampaignReport, { suppressed: false }>;
type Level = Released["levels"][number];
type Heatmap = NonNullable<Released["heatmap"]>;

/**
 * ColorBrewer's diverging RdBu (11 classes), low to high. It is one of ColorBrewer's
 * "colour-blind safe" schemes: red and blue stay apart under deuteranopia and protanopia (which
 * confuse red with green, not with blue), and its lightness rises towards the middle on both
 * sides, so it also reads in greyscale print. Diverging, because the question a reader asks of
 * a cell is "above or below the threshold, and how far": the scale turns (near-white) at the
 * level's bar (the round's weakBelow, or the level's own from the norms), red below it, blue above it.
 */
const RD_BU: readonly (readonly [number, number, number])[] = [
  [0x67, 0x00, 0x1f],
  [0xb2, 0x18, 0x2b],
  [0xd6, 0x60, 0x4d],
  [0xf4, 0xa5, 0x82],
  [0xfd, 0xdb, 0xc7],
  [0xf7, 0xf7, 0xf7],
  [0xd1, 0xe5, 0xf0],
  [0x92, 0xc5, 0xde],
  [0x43, 0x93, 0xc3],
  [0x21, 0x66, 0xac],
  [0x05, 0x30, 0x61],
];
/** Points on either side of the threshold over which each half of the scale runs; beyond, it stays at its darkest. */
const SPREAD = 40;

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const hex = (rgb: readonly number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

/** The cell colour of a score 0–100 where weakBelow is the threshold. */
function heatColour(score: number, weakBelow: number): string {
  const half =
    score < weakBelow
      ? 0.5 * clamp01((score - (weakBelow - SPREAD)) / SPREAD)
      : 0.5 + 0.5 * clamp01((score - weakBelow) / SPREAD);
  const at = half * (RD_BU.length - 1);
  const i = Math.min(Math.floor(at), RD_BU.length - 2);
  const f = at - i;
  const low = RD_BU[i] ?? [];
  const high = RD_BU[i + 1] ?? low;
  return hex(low.map((c, j) => c + ((high[j] ?? c) - c) * f));
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(colour: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5]
    .map((i) => parseInt(colour.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever contrasts more with the background: at least 4.58 : 1 on any colour. */
function inkOn(background: string): string {
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
}

/** Which "weak" bar the round's levels were judged against: one for all, or per level from the consultant's norms. */
export function thresholdLabel(thresholds: Released["campaign"]["thresholds"], t: Translate): string {
  return thresholds.levels
    ? t("weakThresholdNorms", { w: thresholds.weakBelow })
    : t("weakThreshold", { w: thresholds.weakBelow });
}

/**
 * The legend: the colour scale with the threshold marked on it, and what hatching, ⇄ and < k mean.
 * Where the bars differ per level, each cell turns at its own level's bar and the scale shows the round's.
 */
export function heatLegend(thresholds: Released["campaign"]["thresholds"], t: Translate): HTMLElement {
  const { weakBelow } = thresholds;
  const legend = el("div", undefined, "heat-legend");
  const scale = el("div", undefined, "heat-scale");
  scale.setAttribute("role", "img");
  scale.setAttribute("aria-label", `${t("heatScale")}, ${thresholdLabel(thresholds, t)}`);
  const stops = Array.from({ length: 21 }, (_, i) => `${heatColour(i * 5, weakBelow)} ${i * 5}%`);
  const bar = el("div", undefined, "heat-scale-bar");
  bar.style.background = `linear-gradient(to right, ${stops.join(", ")})`;
  const mark = el("span", undefined, "heat-scale-threshold");
  mark.style.left = `${weakBelow}%`;
  const label = el("span", thresholdLabel(thresholds, t), "heat-scale-label");
  label.style.left = `${weakBelow}%`;
  bar.append(mark, label);
  scale.append(el("span", "0", "heat-scale-end"), bar, el("span", "100", "heat-scale-end"));
  const keys = el("ul", undefined, "legend");
  const key = (swatch: HTMLElement, text: string) => {
    const li = el("li");
    li.append(swatch, el("span", text));
    keys.append(li);
  };
  const below = el("span", undefined, "swatch heat-below");
  below.style.setProperty("--cell", heatColour(weakBelow - 10, weakBelow));
  below.style.setProperty("--ink", inkOn(heatColour(weakBelow - 10, weakBelow)));
  key(below, t("heatBelow"));
  key(el("span", undefined, "swatch heat-hidden"), t("heatHidden"));
  const divided = el("li", t("heatDivided"));
  keys.append(divided);
  legend.append(scale, keys);
  return legend;
}

/** The heatmap table of one dimension's units; rows without respondents are left out. */
export function heatmapTable(
  heatmap: Heatmap,
  levels: Level[],
  caption: string,
  t: Translate,
  lang: Lang,
): HTMLElement {
  const tbl = el("table", undefined, "heatmap");
  tbl.append(el("caption", caption, "visually-hidden"));
  const head = el("tr");
  head.append(
    Object.assign(el("th", t("unit")), { scope: "col" }),
    Object.assign(el("th", "n", "num"), { scope: "col" }),
  );
  // Where the bars differ per level, each column says its own: the legend's scale shows the round's.
  const perLevel = new Set(levels.map((l) => l.bar)).size > 1;
  for (const l of levels) {
    const th = Object.assign(el("th", undefined, "level"), { scope: "col" });
    th.append(el("span", l.name[lang]));
    if (perLevel) th.append(el("small", t("columnBar", { w: l.bar }), "column-bar"));
    head.append(th);
  }
  const body = el("tbody");
  for (const row of heatmap.rows.filter((r) => r.n !== 0)) {
    const tr = el("tr");
    tr.append(Object.assign(el("th", row.label[lang]), { scope: "row" }));
    if (row.suppressed) {
      tr.classList.add("suppressed");
      tr.append(
        el("td", "< k", "num"),
        Object.assign(el("td", t("suppressed"), "hidden-unit"), { colSpan: levels.length }),
      );
      body.append(tr);
      continue;
    }
    tr.append(el("td", String(row.n), "num"));
    for (const l of levels) {
      const score = row.scores?.[l.id];
      const td = el("td", undefined, "cell");
      if (score === undefined || score === null) {
        td.textContent = "–";
        tr.append(td);
        continue;
      }
      // Each level against its own bar (level-bars.ts): the same as the round's unless the norms set it.
      const colour = heatColour(score, l.bar);
      td.style.setProperty("--cell", colour);
      td.style.setProperty("--ink", inkOn(colour));
      const below = score < l.bar;
      const weak = !!row.weak?.includes(l.id);
      const divided = !!row.divided?.includes(l.id);
      if (below) td.classList.add("below");
      td.dataset.score = String(score);
      const chip = el("span", `${score}${divided ? " ⇄" : ""}`, "chip");
      const words = [below && t("belowThreshold"), weak && t("weak"), divided && t("divided")].filter(
        Boolean,
      ) as string[];
      td.append(chip);
      if (words.length) td.append(el("span", ` (${words.join(", ")})`, "visually-hidden"));
      td.title = `${row.label[lang]} · ${l.name[lang]}: ${score}${words.length ? ` · ${words.join(", ")}` : ""}`;
      tr.append(td);
    }
    body.append(tr);
  }
  const thead = el("thead");
  thead.append(head);
  tbl.append(thead, body);
  return tbl;
}
