/**
 * The release-time analyses under the dashboard: item results (with how each should be), facets and
 * the values alignment index, how the levels go together, how
 * reliable each level is, and which levels drive the outcome item. Tables only: these are for the
 * consultant and the curious manager, each with one line saying how to read it.
 */
import type { CampaignReport } from "../../../src/services/reports.js";
import { table } from "../components/data-table.js";
import { decimal, el, type Loc } from "./ui.js";

type Released = Extract<CampaignReport, { suppressed: false }>;

export const ANALYSES_TEXTS: Record<string, Loc> = {
  analyses: { nl: "Analyses", en: "Analyses" },
  itemsTitle: { nl: "Per vraag", en: "Per question" },
  itemsNote: {
    nl: "Score 0–100 na omscoren (hoger is altijd klantgerichter); ‘twee kampen’: minstens een kwart eens en een kwart oneens.",
    en: "Score 0–100 after reverse-coding (higher is always more customer-centric); ‘two camps’: at least a quarter agree and a quarter disagree.",
  },
  question: { nl: "Vraag", en: "Question" },
  favourable: { nl: "Eens", en: "Agree" },
  unfavourable: { nl: "Oneens", en: "Disagree" },
  twoCamps: { nl: "twee kampen", en: "two camps" },
  desiredItem: { nl: "Gewenst", en: "Desired" },
  facetsTitle: { nl: "Deelschalen en afstemming", en: "Facets and alignment" },
  facetsNote: {
    nl: "Score 0–100 per deelschaal; overeenstemming 0–1 (rwg(J)). Bij ‘eigen overtuiging’ is dat de afstemmingsindex: hoe laag, hoe minder medewerkers dezelfde waarden delen.",
    en: "Score 0–100 per facet; agreement 0–1 (rwg(J)). For ‘own belief’ that is the alignment index: the lower, the less staff share the same values.",
  },
  facet: { nl: "Deelschaal", en: "Facet" },
  agreementCol: { nl: "Overeenstemming", en: "Agreement" },
  belief: { nl: "eigen overtuiging", en: "own belief" },
  perception: { nl: "gedeelde waarden (zoals ervaren)", en: "shared values (as seen)" },
  ownership: { nl: "eigenaarschap", en: "ownership" },
  customer_view: { nl: "gedeeld klantbeeld", en: "shared view of customers" },
  tailoring: { nl: "maatwerk of willekeur", en: "tailoring or arbitrariness" },
  mandate: { nl: "mandaat met vangnet", en: "mandate with a safety net" },
  correlationsTitle: { nl: "Samenhang tussen de niveaus", en: "How the levels go together" },
  correlationsNote: {
    nl: "Pearson-correlatie van de niveauscores van respondenten. De methode verwacht dat aangrenzende niveaus sterker samenhangen dan verre.",
    en: "Pearson correlation of respondents' level scores. The method expects adjacent levels to go together more than distant ones.",
  },
  reliabilityTitle: { nl: "Betrouwbaarheid per niveau", en: "Reliability per level" },
  reliabilityNote: {
    nl: "Cronbachs alfa met 95%-interval (Feldt): vanaf 0,70 meten de vragen van een niveau samen één ding.",
    en: "Cronbach's alpha with its 95% interval (Feldt): from 0.70 a level's questions measure one thing together.",
  },
  driversTitle: {
    nl: "Wat het oordeel over klantgerichtheid drijft",
    en: "What drives the customer-centricity rating",
  },
  driversNote: {
    nl: "Relatieve gewichten (Johnson, 2000): het aandeel van elk niveau in wat de niveaus samen verklaren van het cijfer 0–10 (R² = {r2}).",
    en: "Relative weights (Johnson, 2000): each level's share of what the levels together explain of the 0–10 rating (R² = {r2}).",
  },
  share: { nl: "Aandeel", en: "Share" },
  noDrivers: {
    nl: "Niet beschikbaar: deze ronde heeft geen eindoordeel-vraag of minder dan 30 respondenten.",
    en: "Not available: this round has no overall rating question or fewer than 30 respondents.",
  },
};

type T = (key: string, vars?: Record<string, string | number>) => string;

/** The four tables, as sections to put in the page. */
export function analysesPanel(report: Released, t: T, lang: "nl" | "en"): HTMLElement[] {
  const names = new Map<string, string>(report.levels.map((l) => [l.id, l.name[lang]]));
  const name = (id: string) => names.get(id) ?? id;
  const d2 = (value: number) => decimal(value, 2, lang);
  const block = (title: string, note: string, body: HTMLElement) => {
    const box = el("details");
    box.append(el("summary", title), el("p", note, "muted small"), body);
    return box;
  };
  const items = table(
    [t("question"), t("level"), "n", "0–100", t("desiredItem"), t("favourable"), t("unfavourable"), ""],
    report.items.map((i) => [
      report.questions[i.name]?.[lang] ?? i.name,
      name(i.level),
      i.n,
      i.score,
      i.desired ?? "–",
      `${i.favourablePct}%`,
      `${i.unfavourablePct}%`,
      i.split ? t("twoCamps") : "",
    ]),
  );
  const facets = table(
    [t("facet"), t("level"), "n", "0–100", t("agreementCol")],
    report.facets.map((f) => [t(f.id), name(f.level), f.n, f.score, f.agreement === null ? "–" : d2(f.agreement)]),
  );
  const correlations = table(
    [t("level"), t("level"), "n", "r"],
    report.correlations.map((c) => [name(c.upper), name(c.lower), c.n, d2(c.r)]),
  );
  const reliability = table(
    [t("level"), "items", "α", "95%"],
    report.reliability.map((r) => [name(r.level), r.items, d2(r.alpha), `${d2(r.ci95[0])}–${d2(r.ci95[1])}`]),
  );
  const drivers = report.drivers;
  return [
    block(t("itemsTitle"), t("itemsNote"), items),
    block(t("facetsTitle"), t("facetsNote"), facets),
    block(t("correlationsTitle"), t("correlationsNote"), correlations),
    block(t("reliabilityTitle"), t("reliabilityNote"), reliability),
    drivers
      ? block(
          t("driversTitle"),
          t("driversNote", { r2: d2(drivers.rSquared) }),
          table(
            [t("level"), "r", t("share")],
            drivers.levels.map((d) => [name(d.level), d2(d.r), `${d.sharePct}%`]),
          ),
        )
      : block(t("driversTitle"), t("noDrivers"), el("span")),
  ];
}
