/** How a campaign is shown to logged-in users: consultants also get the survey link. */
import { z } from "@hono/zod-openapi";
import type { Campaign } from "../domain/campaign.js";
import type { User } from "../storage/accounts.js";

export const CampaignSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    title: z.string(),
    status: z.enum(["draft", "open", "closed"]),
    opensOn: z.string().nullable(),
    closesOn: z.string().nullable(),
    k: z.number(),
    kComments: z.number(),
    respondents: z.number(),
    units: z.record(z.string(), z.array(z.object({ value: z.string(), label: z.object({ nl: z.string(), en: z.string() }) }))),
    surveyPath: z.string().optional(),
  })
  .openapi("Campaign");

export function toCampaignView(campaign: Campaign, respondents: number, user: User): z.infer<typeof CampaignSchema> {
  return {
    id: campaign.id,
    organisationId: campaign.organisationId,
    title: campaign.title,
    status: campaign.status,
    opensOn: campaign.opensOn,
    closesOn: campaign.closesOn,
    k: campaign.k,
    kComments: campaign.kComments,
    respondents,
    units: campaign.units as Record<string, { value: string; label: { nl: string; en: string } }[]>,
    ...(user.role === "consultant" ? { surveyPath: `/s/${campaign.token}` } : {}),
  };
}
