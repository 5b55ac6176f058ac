/**
 * The participation panel: what the dashboard shows of a round that is still running —
 * respondents, response rate and respondents per unit (from k) — and why its results wait until
 * it closes; and the phrase that says when results come, which the survey page shares.
 */
import type { Participation } from "../../../src/routes/campaign-view.js";
import { table } from "../components/data-table.js";
import { el, type Lang, type Loc } from "./ui.js";

export type { Participation };

export const PARTICIPATION_TEXTS: Record<string, Loc> = {
  runningTitle: { nl: "Deze ronde loopt nog", en: "This round is still running" },
  runningWhy: {
    nl: "De resultaten verschijnen {when}, in één keer en daarna onveranderd. Tot dan is alleen de deelname te zien: als de cijfers tussentijds meebewogen, liet het verschil tussen twee keer kijken zien wat wie daartussen invulde, antwoordde.",
    en: "Results appear {when}, all at once and unchanged after that. Until then only participation is shown: if the figures moved while the round runs, the difference between two looks would show what whoever responded in between answered.",
  },
  whenClosed: { nl: "als de ronde sluit", en: "when the round closes" },
  whenDate: {
    nl: "na de sluitdatum ({date}) of als de ronde eerder wordt gesloten",
    en: "after the closing date ({date}), or when the round is closed earlier",
  },
  participation: { nl: "{n} respondenten tot nu toe", en: "{n} respondents so far" },
  rate: { nl: "respons {pct}% van {of}", en: "response rate {pct}% of {of}" },
  perUnit: { nl: "Deelname per eenheid", en: "Participation per unit" },
  perUnitNote: {
    nl: "Aantallen vanaf {k} respondenten; een kleinere eenheid blijft verborgen, en zo nodig de volgende kleinste erbij, zodat niets uit het totaal volgt.",
    en: "Counts from {k} respondents; a smaller unit stays hidden, with the next-smallest where needed, so nothing follows from the total.",
  },
  hidden: { nl: "< k", en: "< k" },
  department: { nl: "Afdeling", en: "Department" },
  role: { nl: "Rol", en: "Role" },
  tenure: { nl: "Dienstjaren", en: "Tenure" },
};

type T = (key: string, vars?: Record<string, string | number>) => string;

/** The phrase that says when results come, in the page's language, from its own "whenClosed" and "whenDate" texts. */
export function whenResults(p: Pick<Participation, "closesOn">, t: T, lang: Lang): string {
  if (!p.closesOn) return t("whenClosed");
  const date = new Date(`${p.closesOn}T12:00:00Z`).toLocaleDateString(lang === "nl" ? "nl-NL" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  return t("whenDate", { date });
}

/** The panel's content: the reason, the counts, and a table per dimension. */
export function participationPanel(p: Participation, t: T, lang: Lang): HTMLElement[] {
  const nodes: HTMLElement[] = [
    el("h2", t("runningTitle")),
    el("p", t("runningWhy", { when: whenResults(p, t, lang) })),
  ];
  const rate = p.responseRate ? ` · ${t("rate", { pct: p.responseRate.pct, of: p.responseRate.of })}` : "";
  nodes.push(el("p", `${t("participation", { n: p.respondents })}${rate}`, "participation-count"));
  for (const [dimension, units] of Object.entries(p.units)) {
    nodes.push(el("h3", `${t("perUnit")}: ${t(dimension)}`));
    nodes.push(
      table(
        [t(dimension), "n"],
        units.map((u) => [u.label[lang], u.n === null ? t("hidden") : u.n]),
      ),
    );
  }
  nodes.push(el("p", t("perUnitNote", { k: p.k }), "muted small"));
  return nodes;
}
