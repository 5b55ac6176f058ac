/**
 * The release-time analyses under the dashboard: item results (with how each should be), facets and
 * the values alignment index, how the levels go together, how
 * reliable each level is, and which levels drive the outcome item. Tables only: these are for the
 * consultant and the curious manager, each with one line saying how to read it.
 */
import type { CampaignReport } from "../../../src/services/reports.js";
import { table } from "../components/data-table.js";
import { isTextKey } from "../i18n/index.js";
import { decimal, el, type Translate } from "./ui.js";

type Released = Extract<CampaignReport, { suppressed: false }>;

/** The four tables, as sections to put in the page. */
export function analysesPanel(report: Released, t: Translate, lang: "nl" | "en"): HTMLElement[] {
  const names = new Map<string, string>(report.levels.map((l) => [l.id, l.name[lang]]));
  const name = (id: string) => names.get(id) ?? id;
  const d2 = (value: number) => decimal(value, 2, lang);
  const block = (title: string, note: string, body: HTMLElement) => {
    const box = el("details");
    box.append(el("summary", title), el("p", note, "muted small"), body);
    return box;
  };
  const items = table(
    [t("question"), t("level"), "n", "0–100", t("analyses.desiredItem"), t("favourable"), t("unfavourable"), ""],
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
    report.facets.map((f) => [
      isTextKey(f.id) ? t(f.id) : f.id,
      name(f.level),
      f.n,
      f.score,
      f.agreement === null ? "–" : d2(f.agreement),
    ]),
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
  const joint = jointNote(report.jointFigures, (id) => (id === "outcome" ? t("outcomeItem") : name(id)), t);
  return [
    block(t("itemsTitle"), t("itemsNote"), items),
    block(t("facetsTitle"), t("facetsNote"), facets),
    block(t("correlationsTitle"), [t("correlationsNote"), joint].filter(Boolean).join(" "), correlations),
    block(t("reliabilityTitle"), t("reliabilityNote"), reliability),
    drivers
      ? block(
          t("driversTitle"),
          [t("driversNote", { r2: d2(drivers.rSquared) }), joint].filter(Boolean).join(" "),
          table(
            [t("level"), "r", t("share")],
            drivers.levels.map((d) => [name(d.level), d2(d.r), `${d.sharePct}%`]),
          ),
        )
      : block(t("driversTitle"), joint ?? t("noDrivers"), el("span")),
  ];
}

/**
 * Why correlations and drivers are missing or incomplete, in one sentence (domain/joint-figures.ts):
 * for the round as a whole only, and never for an answer too few gave differently. Null when nothing is held back.
 */
function jointNote(
  joint: Released["jointFigures"],
  name: (id: Released["jointFigures"]["concentrated"][number]) => string,
  t: Translate,
): string | null {
  if (joint.roundOnly) return t("jointRoundOnly");
  if (joint.releasedBefore) return t("jointReleasedBefore");
  if (joint.concentrated.length === 0) return null;
  return t("jointConcentrated", { levels: joint.concentrated.map(name).join(", ") });
}
