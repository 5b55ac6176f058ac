/**
 * A round's participation, the one thing readable while it runs: respondents, response rate and
 * respondents per unit (from k), with the dates that say when results come. Once released, the
 * counts are the release's.
 */
import { z } from "@hono/zod-openapi";
import type { AppDeps } from "../app-env.js";
import { responseRate } from "../domain/access-codes.js";
import type { Campaign } from "../domain/campaign.js";
import { unitParticipation } from "../domain/participation.js";
import { round } from "../domain/statistics.js";
import { codeCounts } from "../storage/access-codes.js";
import { findRelease, liveCellCounts, loadReleaseCells } from "../storage/releases.js";

const UnitCount = z.object({ value: z.string(), label: z.object({ nl: z.string(), en: z.string() }), n: z.number().nullable() });

export const ParticipationSchema = z
  .object({
    status: z.enum(["draft", "open", "closed"]),
    opensOn: z.string().nullable(),
    closesOn: z.string().nullable(),
    released: z.boolean(),
    releasedOn: z.string().nullable(),
    k: z.number(),
    respondents: z.number(),
    responseRate: z.object({ pct: z.number(), basis: z.enum(["codes", "headcount"]), of: z.number() }).nullable(),
    units: z.record(z.string(), z.array(UnitCount)).openapi({ description: "Per dimension, each unit's respondents; null below k or hidden with such a unit" }),
  })
  .openapi("Participation");

export type Participation = z.infer<typeof ParticipationSchema>;

export async function participation({ db }: Pick<AppDeps, "db">, campaign: Campaign): Promise<Participation> {
  const release = await findRelease(db, campaign.id);
  const cells = release ? await loadReleaseCells(db, release.id) : await liveCellCounts(db, campaign.id);
  const respondents = release ? release.respondents : cells.reduce((n, c) => n + c.n, 0);
  const codes = (await codeCounts(db, [campaign.id])).get(campaign.id) ?? { issued: 0, used: 0 };
  const rate = responseRate(respondents, campaign.expectedHeadcount, campaign.requireCode ? codes : { issued: 0, used: 0 });
  return {
    status: release ? "closed" : campaign.status,
    opensOn: campaign.opensOn,
    closesOn: campaign.closesOn,
    released: release !== undefined,
    releasedOn: release?.releasedOn ?? null,
    k: campaign.k,
    respondents,
    responseRate: rate && { ...rate, pct: round(rate.pct) },
    units: unitParticipation(cells, campaign.units, campaign.k),
  };
}
