/**
 * How the workspace writes a round's response rate (with the basis it was counted on) and where
 * its change has to start (or why that is not known yet), in the portfolio and in a comparison.
 */
import type { Pick as StartPick } from "../../../src/domain/start-here.js";
import type { CampaignView } from "../../../src/schemas/campaign-view.js";
import type { Translate as T } from "../i18n/index.js";
import { startWhy } from "./diagnosis-texts.js";

export function rateText(c: CampaignView, t: T): string {
  const r = c.responseRate;
  if (!r) return "–";
  // The basis is said with the figure; beside a headcount, the codes' own count stays visible.
  if (r.basis === "codes") return `${r.pct}% (${t("viaCodes", { used: c.codes.used, of: r.of })})`;
  const codes = c.codes.issued > 0 ? ` · ${t("codesBeside", { used: c.codes.used, issued: c.codes.issued })}` : "";
  return `${r.pct}% (${t("viaHeadcount", { n: c.respondents, of: r.of })})${codes}`;
}

export function startText(
  c: { status?: string; startHere: (Pick<StartPick, "reasons" | "basis"> & { level: string | null }) | null },
  t: T,
  levelName: (id: string) => string,
): string {
  const s = c.startHere;
  if (!s) return c.status === "closed" ? t("belowK") : t("afterClose");
  if (!s.level) return t("noStart");
  const why = startWhy(s, t);
  return `${levelName(s.level)}${why ? ` (${why})` : ""}`;
}
