/**
 * The participation panel: what the dashboard shows of a round that is still running —
 * respondents, response rate and respondents per unit (from k) — and why its results wait until
 * it closes; and the phrase that says when results come, which the survey page shares.
 */
import type { Participation } from "../../../src/schemas/campaign-view.js";
import { table } from "../components/data-table.js";
import { isTextKey } from "../i18n/index.js";
import { decimal, el, type Lang, type Translate } from "./ui.js";

export type { Participation };

/** The phrase that says when results come, in the page's language: "whenClosed", or the page's own wording with the date. */
export function whenResults(
  p: Pick<Participation, "closesOn">,
  t: Translate,
  lang: Lang,
  withDate: "participation.whenDate" | "survey.whenDate" = "participation.whenDate",
): string {
  if (!p.closesOn) return t("whenClosed");
  const date = new Date(`${p.closesOn}T12:00:00Z`).toLocaleDateString(lang === "nl" ? "nl-NL" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  return t(withDate, { date });
}

/** The panel's content: the reason, the counts, and a table per dimension. */
export function participationPanel(p: Participation, t: Translate, lang: Lang): HTMLElement[] {
  const nodes: HTMLElement[] = [el("h2", t(p.releaseAttempt ? "releasePendingTitle" : "runningTitle"))];
  // Due, but its last release attempt made none: why, and what to do, instead of "results come later".
  if (p.releaseAttempt) nodes.push(el("p", p.releaseAttempt.advice[lang], "release-attempt"));
  else nodes.push(el("p", t("runningWhy", { when: whenResults(p, t, lang) })));
  const rate = p.responseRate ? ` · ${t("rate", { pct: p.responseRate.pct, of: p.responseRate.of })}` : "";
  nodes.push(el("p", `${t("participation", { n: p.respondents })}${rate}`, "participation-count"));
  for (const [dimension, units] of Object.entries(p.units)) {
    const name = isTextKey(dimension) ? t(dimension) : dimension;
    nodes.push(el("h3", `${t("perUnit")}: ${name}`));
    // Where the client gave headcounts, each shown count has its rate beside it.
    const rated = units.some((u) => u.headcount !== null);
    const rate = (u: (typeof units)[number]) =>
      u.pct === null || u.headcount === null
        ? ""
        : t("rateOf", { pct: decimal(u.pct, 1, lang), of: decimal(u.headcount, 0, lang) });
    nodes.push(
      table(
        rated ? [name, "n", t("rateColumn")] : [name, "n"],
        units.map((u) => [u.label[lang], u.n === null ? t("hidden") : u.n, ...(rated ? [rate(u)] : [])]),
      ),
    );
  }
  nodes.push(el("p", t("perUnitNote", { k: p.k }), "muted small"));
  return nodes;
}
