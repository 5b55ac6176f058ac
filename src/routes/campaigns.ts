/** A campaign: its details, opening and closing it, and its report as JSON and CSV. */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import { DIMENSIONS, type Dimension } from "../domain/units.js";
import { createRouter } from "../lib/router.js";
import { IdParam, jsonContent, jsonError } from "../lib/schemas.js";
import { requireUser } from "../middleware/session.js";
import { accessibleCampaign } from "../services/access.js";
import { campaignReport, parseDimension, reportCsv, type ReportQuery } from "../services/reports.js";
import { respondentCounts, setCampaignStatus } from "../storage/campaigns.js";
import { CampaignSchema, toCampaignView } from "./campaign-view.js";

const ReportParams = z.object({
  dimension: z.enum(DIMENSIONS).optional().openapi({ description: "Heatmap dimension" }),
  ...Object.fromEntries(DIMENSIONS.map((d) => [`filter[${d}]`, z.string().max(120).optional().openapi({ description: `Only respondents of this ${d}` })])),
});

/** Reads `dimension` and `filter[...]` from the query; unknown filter keys are refused rather than ignored. */
function reportQuery(c: Context<AppEnv>): ReportQuery {
  const filters: ReportQuery["filters"] = {};
  for (const [key, value] of Object.entries(c.req.query())) {
    const match = /^filter\[(\w+)\]$/.exec(key);
    if (!match) continue;
    const dimension = match[1] as Dimension;
    if (!(DIMENSIONS as readonly string[]).includes(dimension)) {
      return parseDimension(dimension) as never; // throws the same clear 400 as an unknown dimension
    }
    filters[dimension] = value;
  }
  const dimension = parseDimension(c.req.query("dimension"));
  return { filters, ...(dimension ? { dimension } : {}) };
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

async function changeStatus(c: Context<AppEnv>, id: string, status: "open" | "closed") {
  const { db } = c.var.deps;
  const campaign = await accessibleCampaign(db, c.var.user!, id);
  await setCampaignStatus(db, campaign.id, status);
  const counts = await respondentCounts(db, [campaign.id]);
  return toCampaignView({ ...campaign, status }, counts.get(campaign.id) ?? 0, c.var.user!);
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
    async (c) => {
      const { db } = c.var.deps;
      const campaign = await accessibleCampaign(db, c.var.user!, c.req.valid("param").id);
      const counts = await respondentCounts(db, [campaign.id]);
      return c.json(toCampaignView(campaign, counts.get(campaign.id) ?? 0, c.var.user!), 200);
    },
  )
  .openapi(statusRoute("open"), async (c) => c.json(await changeStatus(c, c.req.valid("param").id, "open"), 200))
  .openapi(statusRoute("close"), async (c) => c.json(await changeStatus(c, c.req.valid("param").id, "closed"), 200))
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
      const { db } = c.var.deps;
      const campaign = await accessibleCampaign(db, c.var.user!, c.req.valid("param").id);
      c.header("Cache-Control", "private, no-store");
      return c.json(await campaignReport(db, campaign, reportQuery(c)), 200);
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
      const { db } = c.var.deps;
      const campaign = await accessibleCampaign(db, c.var.user!, c.req.valid("param").id);
      const query = reportQuery(c);
      const report = await campaignReport(db, campaign, { ...query, dimension: query.dimension ?? "department" });
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="report-${campaign.id}.csv"`);
      c.header("Cache-Control", "private, no-store");
      return c.body(reportCsv(report), 200);
    },
  );
