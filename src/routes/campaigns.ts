/** A campaign: its details, opening and closing it, and its report as JSON and CSV. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import type { Campaign } from "../domain/campaign.js";
import { DIMENSIONS } from "../domain/units.js";
import { ApiError } from "../lib/api-error.js";
import { createRouter } from "../lib/router.js";
import { IdParam, jsonContent, jsonError } from "../lib/schemas.js";
import { requireUser } from "../middleware/session.js";
import { accessibleCampaign } from "../services/access.js";
import { campaignReport, reportCsv, type ReportQuery } from "../services/reports.js";
import { respondentCounts, setCampaignStatus } from "../storage/campaigns.js";
import { CampaignSchema, toCampaignView } from "./campaign-view.js";

const ReportParams = z.object({
  dimension: z.enum(DIMENSIONS).optional().openapi({ description: "Heatmap dimension" }),
  ...Object.fromEntries(DIMENSIONS.map((d) => [`filter[${d}]`, z.string().max(120).optional().openapi({ description: `Only respondents of this ${d}` })])),
});

/**
 * The validated `dimension` and `filter[...]` parameters. The schema ignores keys it does not know,
 * so a filter on an unknown dimension is refused here rather than silently widening the report.
 */
function reportQuery(c: Context<AppEnv>, valid: z.infer<typeof ReportParams>): ReportQuery {
  for (const key of Object.keys(c.req.query())) {
    if (key.startsWith("filter[") && !(key in ReportParams.shape)) {
      throw new ApiError(400, "invalid_filter", `${key} is not a filter; filter on ${DIMENSIONS.join(", ")}.`, [{ path: key, message: "unknown filter" }]);
    }
  }
  const filters: ReportQuery["filters"] = {};
  for (const d of DIMENSIONS) {
    const value = (valid as Record<string, string | undefined>)[`filter[${d}]`];
    if (value !== undefined) filters[d] = value;
  }
  return { filters, ...(valid.dimension ? { dimension: valid.dimension } : {}) };
}

/** The campaign named in the path, if the user may see it (404 otherwise). */
const requestedCampaign = (c: Context<AppEnv>) => accessibleCampaign(c.var.deps.db, c.var.user!, c.req.param("id")!);

/** The campaign as the API shows it, with its respondent count. */
async function campaignView(c: Context<AppEnv>, campaign: Campaign) {
  const counts = await respondentCounts(c.var.deps.db, [campaign.id]);
  return toCampaignView(campaign, counts.get(campaign.id) ?? 0, c.var.user!);
}

const statusRoute = (action: "open" | "close") =>
  createRoute({
    method: "post",
    path: `/api/campaigns/{id}/${action}`,
    tags: ["Campaigns"],
    middleware: [requireUser("consultant")],
    request: { params: IdParam },
    responses: { 200: jsonContent(CampaignSchema, `The campaign, ${action === "open" ? "opened" : "closed"}`), 404: jsonError("No such campaign") },
  });

async function changeStatus(c: Context<AppEnv>, status: "open" | "closed") {
  const campaign = await requestedCampaign(c);
  await setCampaignStatus(c.var.deps.db, campaign.id, status);
  return campaignView(c, { ...campaign, status });
}

export const campaignRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/campaigns/{id}",
      tags: ["Campaigns"],
      middleware: [requireUser()],
      request: { params: IdParam },
      responses: { 200: jsonContent(CampaignSchema, "The campaign"), 401: jsonError("No session"), 404: jsonError("No such campaign") },
    }),
    async (c) => c.json(await campaignView(c, await requestedCampaign(c)), 200),
  )
  .openapi(statusRoute("open"), async (c) => c.json(await changeStatus(c, "open"), 200))
  .openapi(statusRoute("close"), async (c) => c.json(await changeStatus(c, "closed"), 200))
  .openapi(
    createRoute({
      method: "get",
      path: "/api/campaigns/{id}/report",
      tags: ["Reports"],
      summary: "Level scores, start-here diagnosis, heatmap, decision factors, gap and comments — anonymity enforced",
      middleware: [requireUser()],
      request: { params: IdParam, query: ReportParams },
      responses: {
        200: jsonContent(z.record(z.string(), z.unknown()).openapi("Report"), "The report"),
        400: jsonError("Unknown dimension or filter"),
        404: jsonError("No such campaign"),
        422: jsonError("Filter refused to protect anonymity"),
      },
    }),
    async (c) => {
      const campaign = await requestedCampaign(c);
      c.header("Cache-Control", "private, no-store");
      return c.json(await campaignReport(c.var.deps.db, campaign, reportQuery(c, c.req.valid("query"))), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/api/campaigns/{id}/report.csv",
      tags: ["Reports"],
      summary: "The report's aggregates as CSV (same guards as the JSON report)",
      middleware: [requireUser()],
      request: { params: IdParam, query: ReportParams },
      responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, 404: jsonError("No such campaign"), 422: jsonError("Filter refused") },
    }),
    async (c) => {
      const campaign = await requestedCampaign(c);
      const query = reportQuery(c, c.req.valid("query"));
      const report = await campaignReport(c.var.deps.db, campaign, { ...query, dimension: query.dimension ?? "department" });
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="report-${campaign.id}.csv"`);
      c.header("Cache-Control", "private, no-store");
      return c.body(reportCsv(report), 200);
    },
  );
