/** How a campaign and its participation are shown to logged-in users: consultants also get the survey link. */
import { z } from "@hono/zod-openapi";

import { roundResponseRate } from "../domain/access-codes.js";
import type { Campaign } from "../domain/campaign.js";
import { ATTEMPT_STATES } from "../domain/release-attempts.js";
import { surveyUrl } from "../lib/links.js";
import { Localised, UnitSchema } from "../lib/schemas.js";
import type { CampaignFacts } from "../services/portfolio.js";
import type { User } from "../storage/accounts.js";
import { StartHereReasons } from "./plan.js";

const ResponseRateSchema = z
  .strictObject({ pct: z.number(), basis: z.enum(["codes", "headcount"]), of: z.number() })
  .nullable()
  .openapi({
    description:
      "Respondents over the headcount entered (staff invited) when there is one, else used over issued codes; null with neither",
  });

/** The client's own name and question for a round's third grouping (domain/campaign.ts ThirdGrouping). */
export const ThirdGroupingSchema = z
  .strictObject({ label: Localised, question: Localised })
  .nullable()
  .openapi({ description: "The client's own name and question for the third grouping; null: tenure" });

export const CampaignSchema = z
  .strictObject({
    id: z.string(),
    organisationId: z.string(),
    title: z.string(),
    status: z.enum(["draft", "open", "closed"]),
    opensOn: z.string().nullable(),
    closesOn: z.string().nullable(),
    k: z.number(),
    kComments: z.number(),
    respondents: z.number(),
    units: z.record(z.string(), z.array(UnitSchema)),
    instrument: z.strictObject({ id: z.string(), version: z.number() }),
    expectedHeadcount: z.number().nullable(),
    requireCode: z.boolean(),
    contact: z.string().nullable(),
    thirdGrouping: ThirdGroupingSchema,
    codes: z.strictObject({ issued: z.number(), used: z.number() }),
    responseRate: ResponseRateSchema,
    startHere: z
      .strictObject({ level: z.string().nullable(), ...StartHereReasons })
      .nullable()
      .openapi({ description: "Null until the round is released with at least k respondents" }),
    surveyPath: z.string().optional(),
    surveyUrl: z.string().optional().openapi({
      description:
        "Consultants only: the survey's absolute address, starting at PUBLIC_URL — what printed code sheets and QR codes carry",
    }),
  })
  .openapi("Campaign");

/** A round as the API lists it: what the pages import instead of copying its shape. */
export type CampaignView = z.infer<typeof CampaignSchema>;

/** `publicUrl`: where the app's links start (PUBLIC_URL, or the request's origin without one). */
export function toCampaignView(
  campaign: Campaign,
  facts: CampaignFacts,
  user: User,
  publicUrl: string,
): z.infer<typeof CampaignSchema> {
  const { codes } = facts;
  return {
    id: campaign.id,
    organisationId: campaign.organisationId,
    title: campaign.title,
    status: campaign.status,
    opensOn: campaign.opensOn,
    closesOn: campaign.closesOn,
    k: campaign.k,
    kComments: campaign.kComments,
    respondents: facts.respondents,
    units: campaign.units as Record<string, z.infer<typeof UnitSchema>[]>,
    instrument: { id: campaign.instrumentId, version: campaign.instrumentVersion },
    expectedHeadcount: campaign.expectedHeadcount,
    requireCode: campaign.requireCode,
    contact: campaign.contact,
    thirdGrouping: campaign.thirdGrouping,
    codes,
    responseRate: roundResponseRate(facts.respondents, campaign, codes),
    startHere: facts.startHere
      ? { level: facts.startHere.level, reasons: facts.startHere.reasons, basis: facts.startHere.basis }
      : null,
    ...(user.role === "consultant"
      ? { surveyPath: `/s/${campaign.token}`, surveyUrl: surveyUrl(publicUrl, campaign.token) }
      : {}),
  };
}

const UnitCount = z.strictObject({
  value: z.string(),
  label: Localised,
  n: z.number().nullable(),
  headcount: z.int().nullable().openapi({ description: "Staff in the unit, where the client gave it" }),
  pct: z.number().nullable().openapi({ description: "Respondents as a share of the headcount, where both are known" }),
});

export const ParticipationSchema = z
  .strictObject({
    status: z.enum(["draft", "open", "closed"]),
    opensOn: z.string().nullable(),
    closesOn: z.string().nullable(),
    released: z.boolean(),
    releasedOn: z.string().nullable(),
    releaseAttempt: z
      .strictObject({
        attempts: z.int(),
        reason: z.enum(ATTEMPT_STATES),
        nextAttemptAt: z.string(),
        advice: Localised,
      })
      .nullable()
      .openapi({
        description:
          "A round that is due but has no release yet: how many attempts made none, why the last did not, when the next starts, and what to do",
      }),
    k: z.number(),
    respondents: z.number(),
    responseRate: ResponseRateSchema,
    units: z
      .record(z.string(), z.array(UnitCount))
      .openapi({ description: "Per dimension, each unit's respondents; null below k or hidden with such a unit" }),
  })
  .openapi("Participation");

export type Participation = z.infer<typeof ParticipationSchema>;
