/**
 * A campaign's report as management sees it: the pure report over its release's cells, plus
 * comments when the group is large enough; a round without a release has no report. Refused
 * filters are 422s with a clear reason.
 */
import { stringify } from "csv-stringify/sync";
import type { Campaign } from "../domain/campaign.js";
import type { Conditions, Refusal } from "../domain/disclosure.js";
import { LEVELS, type LevelId } from "../domain/levels.js";
import { buildReport, commentsVerdict, sumsFromCells, type Report } from "../domain/report.js";
import type { Dimension } from "../domain/units.js";
import { ApiError } from "../lib/api-error.js";
import type { User } from "../storage/accounts.js";
import type { Db } from "../storage/database.js";
import { organisationBenchmark } from "./norm-sets.js";
import { loadComments, loadReleaseCells } from "../storage/releases.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { notReleased, releaseOf } from "./release.js";

export interface ReportQuery {
  dimension?: Dimension;
  filters: Conditions;
}

const REFUSALS: Record<Refusal, string> = {
  too_small: "fewer than k respondents match this filter",
  difference_too_small: "the respondents this filter leaves out are fewer than k, so they could be worked out",
  hidden_unit: "this unit is hidden in the overview, so it cannot be filtered on either",
};

export type CampaignReport = {
  campaign: { id: string; title: string; status: Campaign["status"]; k: number; kComments: number; thresholds: Campaign["thresholds"]; releasedOn: string };
  filters: Conditions;
  comments: string[] | null;
  /** The consultant's benchmark line; managers get it only when the consultant enabled it, and never its breadth. */
  benchmark: { levels: Partial<Record<LevelId, number>>; campaigns?: number; organisations?: number } | null;
} & Report;

/** Whether and how much of the benchmark this user sees next to a campaign of this organisation. */
export async function benchmarkFor(db: Db, user: User, organisationId: string): Promise<CampaignReport["benchmark"]> {
  // The consultant's latest published norm set (src/services/norm-sets.ts), never a live mean.
  return organisationBenchmark(db, user, organisationId);
}

export function checkQuery(campaign: Campaign, query: ReportQuery): void {
  for (const d of Object.keys(query.filters) as Dimension[]) {
    if (!campaign.units[d]?.some((u) => u.value === query.filters[d])) {
      throw new ApiError(400, "invalid_filter", `"${query.filters[d]}" is not a ${d} of this campaign.`, [{ path: `filter[${d}]`, message: "unknown unit" }]);
    }
  }
}

export interface ReportDeps {
  db: Db;
  instruments: InstrumentRegistry;
  now: () => Date;
}

export async function campaignReport(deps: ReportDeps, campaign: Campaign, query: ReportQuery, user: User): Promise<CampaignReport> {
  const { db, now } = deps;
  checkQuery(campaign, query);
  const release = await releaseOf(deps, campaign, now());
  if (!release) throw notReleased(campaign);
  const cells = await loadReleaseCells(db, release.id);
  const sums = sumsFromCells(cells, query.filters, query.dimension);
  const report = buildReport({ sums, units: campaign.units, k: campaign.k, thresholds: campaign.thresholds, filters: query.filters, ...(query.dimension ? { dimension: query.dimension } : {}) });
  if (report.suppressed && Object.keys(query.filters).length > 0) {
    throw new ApiError(422, "filter_refused", `This filter is refused to protect anonymity: ${REFUSALS[report.reason]}.`, [
      { path: "filter", message: report.reason },
    ]);
  }
  const showComments = !report.suppressed && commentsVerdict(sums.counts, campaign.units, query.filters, campaign.kComments) === "ok";
  return {
    campaign: { id: campaign.id, title: campaign.title, status: "closed", k: campaign.k, kComments: campaign.kComments, thresholds: campaign.thresholds, releasedOn: release.releasedOn },
    filters: query.filters,
    ...report,
    comments: showComments ? await loadComments(db, release.id, query.filters) : null,
    benchmark: report.suppressed ? null : await benchmarkFor(db, user, campaign.organisationId),
  };
}

/** Escapes cells a spreadsheet would run as a formula. */
const safe = (value: unknown) => (typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The same figures as the JSON report, as long-format CSV; aggregates only, never comments. */
export function reportCsv(report: CampaignReport): string {
  const rows: unknown[][] = [["section", "group", "level", "n", "score", "ci95_low", "ci95_high", "sd", "favourable_pct", "unfavourable_pct", "flag"]];
  if (!report.suppressed) {
    for (const l of report.levels) {
      rows.push(["level", "all", l.id, l.n, l.score, l.ci95[0], l.ci95[1], l.sd, l.favourablePct, l.unfavourablePct, [l.weak && "weak", l.divided && "divided"].filter(Boolean).join(" ")]);
    }
    if (report.startHere) rows.push(["start_here", "all", report.startHere.level ?? report.startHere.lowest, "", "", "", "", "", "", "", report.startHere.level ? report.startHere.reason : "none"]);
    for (const row of report.heatmap?.rows ?? []) {
      const group = `${report.heatmap!.dimension}=${row.value}`;
      if (row.suppressed) rows.push(["heatmap", group, "", "suppressed", "", "", "", "", "", "", `fewer than k=${report.campaign.k}`]);
      else for (const level of LEVELS) rows.push(["heatmap", group, level.id, row.n, row.scores?.[level.id] ?? "", "", "", "", "", "", ""]);
    }
    for (const f of report.decisionFactors?.factors ?? []) rows.push(["decision_factor", f.side, f.id, report.n, "", "", "", "", f.chosenPct, "", `most ${f.mostPct}`]);
    for (const g of report.managementGap ?? []) rows.push(["management_gap", "management-staff", g.level, "", g.gap, "", "", "", "", "", `${g.management} vs ${g.staff}`]);
    for (const g of report.desiredGap ?? []) rows.push(["desired_gap", "desired-current", g.level, "", g.gap, "", "", "", "", "", `${g.desired} vs ${g.current}`]);
    for (const [level, score] of Object.entries(report.benchmark?.levels ?? {})) rows.push(["benchmark", "consultant", level, "", score, "", "", "", "", "", ""]);
  }
  return stringify(rows.map((r) => r.map(safe)));
}
