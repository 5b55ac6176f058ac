/**
 * A campaign's report as management sees it: the groups its release's disclosure plan publishes
 * for the query, made into the pure report, plus comments where the plan lists them; a round
 * without a release has no report. A filter the plan does not publish is a 422 with the reason.
 */
import { stringify } from "csv-stringify/sync";

import type { Campaign } from "../domain/campaign.js";
import type { Conditions } from "../domain/disclosure.js";
import { type GroupKey, type PlanRefusal, planView } from "../domain/disclosure-plan.js";
import { DECISION_FACTORS } from "../domain/factors.js";
import type { Localised } from "../domain/i18n.js";
import { LEVELS } from "../domain/levels.js";
import { scopedView, withinScope } from "../domain/reader-scope.js";
import type { ReleaseStats } from "../domain/release.js";
import { buildReport, type Group, groupOf, type Report } from "../domain/report.js";
import type { Dimension } from "../domain/units.js";
import { instrumentOutline } from "../instruments/outline.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { ApiError } from "../lib/api-error.js";
import { exportFileName } from "../lib/file-name.js";
import { defined } from "../lib/invariant.js";
import type { CampaignReport } from "../schemas/report.js";
import type { User } from "../storage/accounts.js";
import { findOrganisation } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { loadComments, loadReleaseGroups } from "../storage/releases.js";
import { readerScope } from "./access.js";
import { organisationBenchmark } from "./norm-sets.js";
import { notReleased, releaseOf } from "./release.js";

export interface ReportQuery {
  dimension?: Dimension;
  filters: Conditions;
}

const REFUSALS: Record<PlanRefusal | "outside_scope", string> = {
  outside_scope: "you were given access to the round as a whole and to your own departments, not to this group",
  too_small: "fewer than k respondents match this filter",
  hidden_unit:
    "this group is hidden in the round's published results: together with what is shown, its figures would tell those of fewer than k people",
  not_offered:
    "the round's results are published for the whole round, per unit of each dimension, and per department and role; not for this combination",
  campaign_level_only:
    "this round was answered on an open link, where anyone can answer more than once, so its results are published for the whole round only",
};

/** The report's shape is the route's schema (routes/report-schemas.ts); the pages import it from here. */
export type { CampaignReport };

/** Whether and how much of the benchmark this user sees next to a campaign of this organisation. */
async function benchmarkFor(db: Db, user: User, organisationId: string): Promise<CampaignReport["benchmark"]> {
  // The consultant's latest published norm set (src/services/norm-sets.ts), never a live mean.
  return organisationBenchmark(db, user, organisationId);
}

function checkQuery(campaign: Campaign, query: ReportQuery): void {
  for (const d of Object.keys(query.filters) as Dimension[]) {
    if (!campaign.units[d]?.some((u) => u.value === query.filters[d])) {
      throw new ApiError(400, "invalid_filter", `"${query.filters[d]}" is not a ${d} of this campaign.`, [
        { path: `filter[${d}]`, message: "unknown unit" },
      ]);
    }
  }
}

export interface ReportDeps {
  db: Db;
  instruments: InstrumentRegistry;
  now: () => Date;
}

export async function campaignReport(
  deps: ReportDeps,
  campaign: Campaign,
  query: ReportQuery,
  user: User,
): Promise<CampaignReport> {
  const { db, now } = deps;
  checkQuery(campaign, query);
  const release = await releaseOf(deps, campaign, now());
  if (!release) throw notReleased(campaign);
  const scope = await readerScope(db, user, campaign.organisationId);
  if (!withinScope(scope, query.filters)) {
    throw new ApiError(422, "filter_refused", `This filter is outside your access: ${REFUSALS.outside_scope}.`, [
      { path: "filter", message: "outside_scope" },
    ]);
  }
  const resolved = planView(release.plan, campaign.units, query.filters, query.dimension);
  const head = {
    id: campaign.id,
    title: campaign.title,
    status: "closed" as const,
    k: campaign.k,
    kComments: campaign.kComments,
    thresholds: release.totals.thresholds ?? campaign.thresholds,
    releasedOn: release.releasedOn,
    publishes: release.plan.breakdowns ? ("breakdowns" as const) : ("whole_round" as const),
    withheld: release.plan.withheld ?? [],
  };
  if (!resolved.ok) {
    if (Object.keys(query.filters).length > 0) {
      throw new ApiError(
        422,
        "filter_refused",
        `This filter is refused to protect anonymity: ${REFUSALS[resolved.reason]}.`,
        [{ path: "filter", message: resolved.reason }],
      );
    }
    return {
      campaign: head,
      filters: query.filters,
      suppressed: true,
      n: null,
      reason: resolved.reason,
      comments: null,
      benchmark: null,
      questions: {},
    };
  }
  const view = scopedView(resolved.view, scope, query.filters, query.dimension);
  const groups = await loadReleaseGroups(db, release.id);
  // Level pairs (correlations, drivers) are read for the round as a whole only (domain/joint-figures.ts).
  const roundKey = release.plan.groups[0]?.key;
  const group = (key: GroupKey | null): Group | null => {
    const stats: ReleaseStats | undefined = key === null ? undefined : groups.get(key);
    return stats ? groupOf(stats, release.totals, key === roundKey) : null;
  };
  const units = new Map((query.dimension ? (campaign.units[query.dimension] ?? []) : []).map((u) => [u.value, u]));
  const report = buildReport({
    group: defined(group(view.group), "the plan's shown group is stored"),
    heatmap:
      view.rows && query.dimension
        ? {
            dimension: query.dimension,
            rows: view.rows.map((r) => ({
              unit: defined(units.get(r.value), "each row is a unit of the dimension"),
              group: group(r.key),
            })),
          }
        : null,
    management: group(view.management),
    thresholds: release.totals.thresholds ?? campaign.thresholds,
  });
  return {
    campaign: head,
    filters: query.filters,
    ...withStaffWording(report, deps.instruments, campaign),
    comments: view.comments ? await loadComments(db, release.id, query.filters) : null,
    benchmark: await benchmarkFor(db, user, campaign.organisationId),
    questions: report.suppressed
      ? {}
      : questionTexts(
          deps.instruments,
          campaign,
          report.items.map((i) => i.name),
        ),
  };
}

/**
 * The report with each decision factor named by the words staff saw: the choice texts of the
 * round's own instrument version (v3 and v4 word some options differently), where it has them.
 */
function withStaffWording(report: Report, instruments: InstrumentRegistry, campaign: Campaign): Report {
  if (report.suppressed || !report.decisionFactors) return report;
  const instrument = instruments.get(campaign.instrumentId, campaign.instrumentVersion);
  const choices = instrument ? (instrumentOutline(instrument.json).factors?.choices ?? []) : [];
  const words = new Map(choices.map((c) => [c.value, c.text]));
  const factors = report.decisionFactors.factors.map((f) => ({ ...f, label: words.get(f.id) ?? f.label }));
  return { ...report, decisionFactors: { ...report.decisionFactors, factors } };
}

/** The wording of the named items in the round's instrument version, so pages show questions instead of item names. */
function questionTexts(
  instruments: InstrumentRegistry,
  campaign: Campaign,
  names: string[],
): Record<string, Localised> {
  const instrument = instruments.get(campaign.instrumentId, campaign.instrumentVersion);
  if (!instrument) return {};
  const outline = instrumentOutline(instrument.json);
  const all = new Map(
    [...outline.levels, ...outline.scales].flatMap((group) =>
      group.items.map((item) => [item.name, item.title] as const),
    ),
  );
  return Object.fromEntries(
    names.flatMap((name) => {
      const title = all.get(name);
      return title ? [[name, title]] : [];
    }),
  );
}

/** Escapes cells a spreadsheet would run as a formula. */
const safe = (value: unknown) => (typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The CSV's column heads and section names for people reading it in a spreadsheet. */
const CSV_WORDS: Record<string, Localised> = {
  section: { nl: "onderdeel", en: "section" },
  group: { nl: "groep", en: "group" },
  level: { nl: "niveau", en: "level" },
  n: { nl: "n", en: "n" },
  score: { nl: "score", en: "score" },
  ci95_low: { nl: "95%-marge laag", en: "95% low" },
  ci95_high: { nl: "95%-marge hoog", en: "95% high" },
  sd: { nl: "sd", en: "sd" },
  favourable_pct: { nl: "% eens", en: "% agree" },
  unfavourable_pct: { nl: "% oneens", en: "% disagree" },
  flag: { nl: "kenmerk", en: "flag" },
  start_here: { nl: "hier beginnen", en: "start here" },
  heatmap: { nl: "heatmap", en: "heatmap" },
  decision_factor: { nl: "beslisfactor", en: "decision factor" },
  management_gap: { nl: "management tegenover medewerkers", en: "management versus staff" },
  desired_gap: { nl: "gewenst tegenover nu", en: "desired versus now" },
  benchmark: { nl: "benchmark", en: "benchmark" },
  all: { nl: "alle respondenten", en: "all respondents" },
  weak: { nl: "zwak", en: "weak" },
  possibly_weak: { nl: "mogelijk zwak", en: "possibly weak" },
  divided: { nl: "verdeeld", en: "divided" },
  suppressed: { nl: "verborgen", en: "hidden" },
};

export interface CsvOptions {
  /** For a spreadsheet in this language: names instead of ids, `;` and a BOM, decimal commas in Dutch. Absent: the plain machine CSV. */
  spreadsheet?: "nl" | "en";
}

/** The same figures as the JSON report, as long-format CSV; aggregates only, never comments. */
export function reportCsv(report: CampaignReport, options: CsvOptions = {}): string {
  const rows: unknown[][] = [
    [
      "section",
      "group",
      "level",
      "n",
      "score",
      "ci95_low",
      "ci95_high",
      "sd",
      "favourable_pct",
      "unfavourable_pct",
      "flag",
    ],
  ];
  if (!report.suppressed) {
    for (const l of report.levels) {
      rows.push([
        "level",
        "all",
        l.id,
        l.n,
        l.score,
        l.ci95[0],
        l.ci95[1],
        l.sd,
        l.favourablePct,
        l.unfavourablePct,
        [l.weak && "weak", l.possiblyWeak && "possibly_weak", l.divided && "divided"].filter(Boolean).join(" "),
      ]);
    }
    const start = report.startHere;
    if (start)
      rows.push([
        "start_here",
        "all",
        start.level ?? "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        [start.basis, ...start.reasons].join(" "),
      ]);
    const { heatmap } = report;
    if (heatmap)
      for (const row of heatmap.rows) {
        const group = `${heatmap.dimension}=${row.value}`;
        if (row.suppressed)
          rows.push(["heatmap", group, "", "suppressed", "", "", "", "", "", "", "hidden by the disclosure plan"]);
        else
          for (const level of LEVELS)
            rows.push(["heatmap", group, level.id, row.n, row.scores?.[level.id] ?? "", "", "", "", "", "", ""]);
      }
    for (const f of report.decisionFactors?.factors ?? [])
      rows.push(["decision_factor", f.side, f.id, report.n, "", "", "", "", f.chosenPct, "", `most ${f.mostPct}`]);
    // A gap per level: its size as the score, what it is the difference of as the note.
    const gapRow = (kind: string, between: string, level: string, gap: number, note: string) =>
      rows.push([kind, between, level, "", gap, "", "", "", "", "", note]);
    for (const g of report.managementGap ?? [])
      gapRow("management_gap", "management-staff", g.level, g.gap, `${g.management} vs ${g.staff}`);
    for (const g of report.desiredGap ?? [])
      gapRow("desired_gap", "desired-current", g.level, g.gap, `${g.desired} vs ${g.current}`);
    for (const [level, score] of Object.entries(report.benchmark?.levels ?? {}))
      rows.push(["benchmark", "consultant", level, "", score, "", "", "", "", "", ""]);
  }
  const lang = options.spreadsheet;
  if (!lang) return stringify(rows.map((r) => r.map(safe)));
  const word = (value: unknown) =>
    typeof value === "string"
      ? (CSV_WORDS[value]?.[lang] ?? levelName(value, lang) ?? factorName(value, lang) ?? value)
      : value;
  const number = (value: unknown) =>
    typeof value === "number" && lang === "nl" ? String(value).replace(".", ",") : value;
  const flag = (value: unknown) =>
    typeof value === "string"
      ? value
          .split(" ")
          .map((w) => CSV_WORDS[w]?.[lang] ?? w)
          .join(" ")
      : value;
  const readable = rows.map((r, i) =>
    r.map((cell, col) => (i === 0 || col <= 2 ? word(cell) : col === 10 ? flag(cell) : number(cell))),
  );
  return stringify(
    readable.map((r) => r.map(safe)),
    { delimiter: ";", bom: true },
  );
}

const levelName = (id: string, lang: "nl" | "en") => LEVELS.find((l) => l.id === id)?.name[lang];
const factorName = (id: string, lang: "nl" | "en") => DECISION_FACTORS.find((f) => f.id === id)?.label[lang];

/** A download's name: organisation, round, release date and any filter — never an id. */
export async function reportFileName(
  db: Db,
  campaign: Campaign,
  report: CampaignReport,
  extension: string,
): Promise<string> {
  const organisation = await findOrganisation(db, campaign.organisationId);
  return exportFileName(
    [organisation?.name ?? "", campaign.title, report.campaign.releasedOn, ...Object.values(report.filters)],
    extension,
  );
}
