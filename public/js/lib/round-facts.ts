/**
 * The facts under the dashboard's title — status, period, release date and response rate of
 * the round shown — and the line every printed page carries (organisation, round, filter, date)
 * with its page number.
 */
import type { CampaignView } from "../../../src/schemas/campaign-view.js";
import { longDate } from "./dates.js";
import type { PanelContext } from "./managers-panel.js";
import { setPrintPages } from "./print.js";
import type { Released } from "./report-types.js";
import { $ } from "./ui.js";

/** "page {page} of {pages}" in the page's language, its placeholders kept for the print's counters. */
export const pageOf = (ctx: PanelContext) => ctx.t("pageOf", { page: "{page}", pages: "{pages}" });

/** Status, period, release date and response rate of the round shown, and the print's header line. */
export function drawFacts(
  report: Released,
  filter: string,
  shown: { round: CampaignView | null; organisation: string },
  ctx: PanelContext,
): void {
  const { t } = ctx;
  const { round } = shown;
  const facts = [t(`status_${report.campaign.status}`)];
  if (round?.opensOn && round.closesOn)
    facts.push(
      t("dashboard.period", { from: longDate(round.opensOn, ctx.lang), to: longDate(round.closesOn, ctx.lang) }),
    );
  facts.push(t("dashboard.released", { date: longDate(report.campaign.releasedOn, ctx.lang) }));
  if (round?.responseRate)
    facts.push(t("response", { pct: round.responseRate.pct.toLocaleString(ctx.lang === "nl" ? "nl-NL" : "en-GB") }));
  $("round-facts").textContent = facts.join(" · ");
  const head = t("printHead", {
    organisation: shown.organisation,
    round: report.campaign.title,
    filter: filter ? t("filtered", { filter }) : t("noFilter"),
    date: longDate(new Date().toISOString().slice(0, 10), ctx.lang),
  });
  $("print-head").textContent = head;
  // Every printed page carries the same line and its page number; "Save as PDF" proposes the title as the file name.
  setPrintPages(head, pageOf(ctx));
}
