/**
 * The dashboard's smaller sections: management against staff per level (or why it is not
 * shown), the decision climate, and the comments (only where the round allows them). Comments
 * are the respondents' own words: text, never HTML.
 */
import { render } from "hono/jsx/dom";

import { DataTable } from "../components/data-table.js";
import { climateName } from "./diagnosis-texts.js";
import type { PanelContext } from "./managers-panel.js";
import type { Released } from "./report-types.js";
import { $ } from "./ui.js";

export function drawDetails(report: Released, ctx: PanelContext): void {
  const { t } = ctx;
  const names = new Map(report.levels.map((l) => [l.id, l.name[ctx.lang]]));
  render(
    report.managementGap?.length ? (
      <DataTable
        head={[t("level"), t("management"), t("staff"), "Δ"]}
        rows={report.managementGap.map((g) => [
          names.get(g.level) ?? g.level,
          g.management,
          g.staff,
          g.gap > 0 ? `+${g.gap}` : g.gap,
        ])}
      />
    ) : (
      <p class="muted">{t("noGap")}</p>
    ),
    $("gap"),
  );
  render(
    <DataTable head={[t("climate"), "0–100"]} rows={report.climate.map((c) => [climateName(c.id, t), c.score])} />,
    $("climate"),
  );
  render(
    report.comments ? (
      report.comments.map((c) => <li>{c}</li>)
    ) : (
      <li class="muted">{t("noComments", { k: report.campaign.kComments })}</li>
    ),
    $("comments"),
  );
}
