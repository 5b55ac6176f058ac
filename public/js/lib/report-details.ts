/**
 * The dashboard's smaller sections: management against staff per level (or why it is not
 * shown), the decision climate, and the comments (only where the round allows them).
 */
import { climateName } from "./diagnosis-texts.js";
import type { PanelContext } from "./managers-panel.js";
import type { Released } from "./report-types.js";
import { $, el, table } from "./ui.js";

export function drawDetails(report: Released, ctx: PanelContext): void {
  const { t } = ctx;
  const gap = $("gap");
  gap.replaceChildren();
  const names = new Map(report.levels.map((l) => [l.id, l.name[ctx.lang]]));
  if (report.managementGap?.length)
    gap.append(
      table(
        [t("level"), t("management"), t("staff"), "Δ"],
        report.managementGap.map((g) => [
          names.get(g.level) ?? g.level,
          g.management,
          g.staff,
          g.gap > 0 ? `+${g.gap}` : g.gap,
        ]),
      ),
    );
  else gap.append(el("p", t("noGap"), "muted"));
  const climate = $("climate");
  climate.replaceChildren(
    table(
      [t("climate"), "0–100"],
      report.climate.map((c) => [climateName(c.id, t), c.score]),
    ),
  );
  const comments = $("comments");
  comments.replaceChildren();
  if (report.comments) for (const c of report.comments) comments.append(el("li", c));
  else comments.append(el("li", t("noComments", { k: report.campaign.kComments }), "muted"));
}
