/** The report of a released round as a whole: what the staff summary and the action plan's start-here read. */
import type { Campaign } from "../domain/campaign.js";
import { planView } from "../domain/disclosure-plan.js";
import { buildReport, groupOf, type Report } from "../domain/report.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import type { Db } from "../storage/database.js";
import { loadReleaseGroups } from "../storage/releases.js";
import { releaseOf } from "./release.js";

type Released = Extract<Report, { suppressed: false }>;

/**
 * The report of the round as a whole, exactly as the dashboard shows it without a filter, but
 * without breakdown or management gap; null while the round runs or when it is below k.
 */
export async function roundReport(
  deps: { db: Db; instruments: InstrumentRegistry; now: () => Date },
  campaign: Campaign,
): Promise<Released | null> {
  const release = await releaseOf(deps, campaign, deps.now());
  if (!release) return null;
  const view = planView(release.plan, campaign.units, {});
  if (!view.ok) return null;
  const stats = (await loadReleaseGroups(deps.db, release.id)).get(view.view.group);
  if (!stats) return null;
  const report = buildReport({
    group: groupOf(stats, release.totals, true),
    heatmap: null,
    management: null,
    thresholds: release.totals.thresholds ?? campaign.thresholds,
  });
  return report.suppressed ? null : report;
}
