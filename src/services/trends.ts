/** An organisation's rounds over time: per level the change between rounds and whether it is significant. */
import { roundDate } from "../domain/campaign.js";
import { LEVEL_IDS } from "../domain/levels.js";
import { round } from "../domain/statistics.js";
import { levelTrends, type Round, type TrendStep } from "../domain/trends.js";
import { listCampaigns } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { profile } from "./profiles.js";

const stepView = (s: TrendStep) => ({ ...s, change: round(s.change), p: s.p === null ? null : Number(s.p.toPrecision(2)) });

export async function organisationTrends(db: Db, organisationId: string) {
  const profiled = await profile(db, await listCampaigns(db, [organisationId]));
  const rounds: Round[] = profiled.flatMap((p) =>
    p.group
      ? [{
          campaignId: p.campaign.id,
          title: p.campaign.title,
          date: roundDate(p.campaign),
          n: p.n,
          k: p.campaign.k,
          levels: Object.fromEntries(LEVEL_IDS.flatMap((l) => (p.group!.scales.has(l) ? [[l, p.group!.scales.get(l)!]] : []))),
        }]
      : [],
  );
  return {
    rounds: profiled
      .map((p) => ({ campaignId: p.campaign.id, title: p.campaign.title, date: roundDate(p.campaign), included: p.group !== null }))
      .sort((a, b) => a.date.localeCompare(b.date)),
    levels: levelTrends(rounds).map((t) => ({
      level: t.level,
      points: t.points.map((p) => ({ ...p, score: round(p.score) })),
      steps: t.steps.map(stepView),
      overall: t.overall && stepView(t.overall),
    })),
  };
}
