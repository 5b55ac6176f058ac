/** A campaign: its details, opening and closing it, and its report as JSON and CSV. */
import { createRoute, z } from "@hono/zod-openapi";
import { stringify } from "csv-stringify/sync";
import type { Context } from "hono";

import type { AppEnv } from "../app-env.js";
import { MAX_CODES_PER_REQUEST } from "../domain/access-codes.js";
import type { Campaign } from "../domain/campaign.js";
import { DIMENSIONS } from "../domain/units.js";
import { ApiError } from "../lib/api-error.js";
import { publicBase } from "../lib/links.js";
import { createRouter } from "../lib/router.js";
import { IdParam, jsonContent, jsonError } from "../lib/schemas.js";
import { jsonBodyOf } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { requireUser, sessionUser } from "../middleware/session.js";
import { CampaignSchema, ParticipationSchema, toCampaignView } from "../schemas/campaign-view.js";
import { CampaignReportSchema, QualitySchema } from "../schemas/report.js";
import { accessibleCampaign } from "../services/access.js";
import { audit, auditRecord } from "../services/audit.js";
import { reliabilityOf } from "../services/compare.js";
import { changeRound, closeRound, issueRoundCodes, openRound } from "../services/lifecycle.js";
import { liveCodes } from "../services/live-counts.js";
import { participation } from "../services/participation.js";
import { campaignFacts } from "../services/portfolio.js";
import { profile } from "../services/profiles.js";
import { notReleased, releaseOf } from "../services/release.js";
import { campaignReport, reportCsv, reportFileName, type ReportQuery } from "../services/reports.js";
import { roundFields } from "./round-fields.js";

const ReportParams = z.object({
  dimension: z.enum(DIMENSIONS).optional().openapi({ description: "Heatmap dimension" }),
  ...Object.fromEntries(
    DIMENSIONS.map((d) => [
      `filter[${d}]`,
      z
        .string()
        .max(120)
        .optional()
        .openapi({ description: `Only respondents of this ${d}` }),
    ]),
  ),
});

/**
 * The validated `dimension` and `filter[...]` parameters. The schema ignores keys it does not know,
 * so a filter on an unknown dimension is refused here rather than silently widening the report.
 */
function reportQuery(c: Context<AppEnv>, valid: z.infer<typeof ReportParams>): ReportQuery {
  for (const key of Object.keys(c.req.query())) {
    if (key.startsWith("filter[") && !(key in ReportParams.shape)) {
      throw new ApiError(400, "invalid_filter", `${key} is not a filter; filter on ${DIMENSIONS.join(", ")}.`, [
        { path: key, message: "unknown filter" },
      ]);
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
const requestedCampaign = (c: Context<AppEnv>, id: string) => accessibleCampaign(c.var.deps.db, sessionUser(c), id);

const roundRef = (campaign: Campaign) => ({ campaignId: campaign.id, title: campaign.title });

/** What a report read asked for, for the audit log: the round, the dimension and the filters — nothing of the answer. */
const askedFor = (campaign: Campaign, query: ReportQuery) => ({
  ...roundRef(campaign),
  dimension: query.dimension ?? null,
  filters: { ...query.filters } as Record<string, string>,
});

/** The campaign as the API shows it, with its respondents, codes and start-here level. */
async function campaignView(c: Context<AppEnv>, campaign: Campaign) {
  const [entry] = await campaignFacts(c.var.deps.db, [campaign], c.var.deps.now());
  if (!entry) throw new Error("campaignFacts answers for every campaign it is given");
  return toCampaignView(campaign, entry.facts, sessionUser(c), publicBase(c));
}

const statusRoute = (action: "open" | "close") =>
  createRoute({
    method: "post",
    operationId: `${action}Campaign`,
    summary: action === "open" ? "Open a round for answers" : "Close a round and release its results",
    path: `/api/campaigns/{id}/${action}`,
    tags: ["Campaigns"],
    middleware: [requireUser("consultant")],
    request: { params: IdParam },
    responses: {
      200: jsonContent(
        CampaignSchema,
        action === "open"
          ? "The campaign, opened"
          : "The campaign, closed, with its results released (on Workers a round too large for one step goes on being released; its reports answer 503 release_running until then)",
      ),
      404: jsonError("No such campaign"),
      409: jsonError(action === "open" ? "The round is closed: closing is final" : "A draft cannot be closed"),
    },
  });

/** A change: what creation sets (but the organisation); what the round's state allows is the lifecycle's to say. */
const CampaignPatch = z.object(roundFields).partial().strict();

const CodeRequest = z.object({ count: z.int().min(1).max(MAX_CODES_PER_REQUEST) }).strict();
const CodesSchema = z
  .strictObject({ codes: z.array(z.string()), issued: z.number(), used: z.number() })
  .openapi("AccessCodes");

export const campaignRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      operationId: "getCampaign",
      summary: "A round: its settings, respondents, codes, response rate and start-here level",
      path: "/api/campaigns/{id}",
      tags: ["Campaigns"],
      middleware: [requireUser()],
      request: { params: IdParam },
      responses: {
        200: jsonContent(CampaignSchema, "The campaign"),
        401: jsonError("No session"),
        404: jsonError("No such campaign"),
      },
    }),
    async (c) => c.json(await campaignView(c, await requestedCampaign(c, c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      operationId: "updateCampaign",
      path: "/api/campaigns/{id}",
      tags: ["Campaigns"],
      summary:
        "Change a round: a draft anything creation sets; an open round its dates (opening only until it opens), contact, headcount and code requirement; a closed round nothing",
      middleware: [requireUser("consultant"), ...jsonBody(8 * 1024)],
      request: { params: IdParam, body: jsonBodyOf(CampaignPatch) },
      responses: {
        200: jsonContent(CampaignSchema, "The campaign, changed"),
        400: jsonError("Invalid, or not to be changed in the round's state (details name the fields)"),
        404: jsonError("No such campaign"),
        409: jsonError("A closed round is final; codes cannot follow responses on an open link"),
      },
    }),
    async (c) => {
      const campaign = await requestedCampaign(c, c.req.valid("param").id);
      const edit = c.req.valid("json");
      const changed = await changeRound(c.var.deps, campaign, edit, sessionUser(c).id);
      const fields = Object.keys(edit).filter((f) => edit[f as keyof typeof edit] !== undefined);
      if (fields.length > 0)
        await audit(c.var.deps, sessionUser(c).id, campaign.organisationId, {
          action: "round_changed",
          detail: { ...roundRef(campaign), fields },
        });
      return c.json(await campaignView(c, changed), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "issueAccessCodes",
      path: "/api/campaigns/{id}/codes",
      tags: ["Campaigns"],
      summary:
        "Issue single-use access codes (shown once; the campaign then requires a code). ?format=csv for a CSV file",
      middleware: [requireUser("consultant"), ...jsonBody(1024)],
      request: {
        params: IdParam,
        body: jsonBodyOf(CodeRequest),
        query: z.object({ format: z.enum(["json", "csv"]).default("json") }),
      },
      responses: {
        201: {
          description: "The new codes",
          content: { "application/json": { schema: CodesSchema }, "text/csv": { schema: z.string() } },
        },
        400: jsonError("Invalid count"),
        404: jsonError("No such campaign"),
        409: jsonError("The round is closed, or has taken answers without codes (codes_after_responses)"),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const campaign = await requestedCampaign(c, c.req.valid("param").id);
      const { count } = c.req.valid("json");
      const codes = await issueRoundCodes(
        c.var.deps,
        campaign,
        count,
        auditRecord(c.var.deps, sessionUser(c).id, campaign.organisationId, {
          action: "codes_issued",
          detail: { ...roundRef(campaign), count },
        }),
      );
      // The codes used as the live counts have them (at most 30 s old), like every count of a running
      // round: issuing one code a minute must not show each answer as it lands.
      const counts = (await liveCodes(db, [campaign.id], now().getTime())).get(campaign.id) ?? { issued: 0, used: 0 };
      c.header("Cache-Control", "private, no-store");
      if (c.req.valid("query").format === "csv") {
        c.header("Content-Type", "text/csv; charset=utf-8");
        c.header("Content-Disposition", `attachment; filename="codes-${campaign.id}.csv"`);
        return c.body(stringify([["code"], ...codes.map((code) => [code])]), 201);
      }
      return c.json({ codes, ...counts }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      operationId: "getCampaignQuality",
      path: "/api/campaigns/{id}/quality",
      tags: ["Reports"],
      summary:
        "Method quality: Cronbach's alpha per level (warning below 0.7) and the careless-response count; consultants only",
      middleware: [requireUser("consultant")],
      request: { params: IdParam },
      responses: {
        200: jsonContent(QualitySchema, "Alpha per level; null below k"),
        404: jsonError("No such campaign"),
        409: jsonError("The round is still running"),
      },
    }),
    async (c) => {
      const campaign = await requestedCampaign(c, c.req.valid("param").id);
      const { db, now } = c.var.deps;
      const released = await releaseOf(c.var.deps, campaign, now());
      if (!released) throw notReleased(campaign);
      const reliability = reliabilityOf(await profile(db, [campaign]));
      const { careless, n } = released.totals;
      return c.json(
        {
          reliability: reliability.get(campaign.id) ?? null,
          careless: careless === undefined ? null : { count: careless, n },
        },
        200,
      );
    },
  )
  .openapi(statusRoute("open"), async (c) => {
    const campaign = await requestedCampaign(c, c.req.valid("param").id);
    const opened = await openRound(c.var.deps, campaign);
    // Opening an open round changes nothing, and is no entry.
    if (campaign.status !== "open")
      await audit(c.var.deps, sessionUser(c).id, campaign.organisationId, {
        action: "round_opened",
        detail: roundRef(campaign),
      });
    return c.json(await campaignView(c, opened), 200);
  })
  .openapi(statusRoute("close"), async (c) => {
    const campaign = await requestedCampaign(c, c.req.valid("param").id);
    const closed = await closeRound(c.var.deps, campaign);
    if (campaign.status !== "closed")
      await audit(c.var.deps, sessionUser(c).id, campaign.organisationId, {
        action: "round_closed",
        detail: roundRef(campaign),
      });
    return c.json(await campaignView(c, closed.campaign), 200);
  })
  .openapi(
    createRoute({
      method: "get",
      operationId: "getParticipation",
      path: "/api/campaigns/{id}/participation",
      tags: ["Campaigns"],
      summary:
        "Respondents and response rate, for the round and per unit (a unit only from k respondents): all there is while a round runs",
      middleware: [requireUser()],
      request: { params: IdParam },
      responses: {
        200: jsonContent(ParticipationSchema, "Participation"),
        401: jsonError("No session"),
        404: jsonError("No such campaign"),
      },
    }),
    async (c) => {
      const campaign = await requestedCampaign(c, c.req.valid("param").id);
      c.header("Cache-Control", "private, no-store");
      return c.json(await participation(c.var.deps, campaign, sessionUser(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      operationId: "getReport",
      path: "/api/campaigns/{id}/report",
      tags: ["Reports"],
      summary: "Level scores, start-here diagnosis, heatmap, decision factors, gap and comments — anonymity enforced",
      middleware: [requireUser()],
      request: { params: IdParam, query: ReportParams },
      responses: {
        200: jsonContent(CampaignReportSchema, "The report"),
        400: jsonError("Unknown dimension or filter"),
        404: jsonError("No such campaign"),
        409: jsonError("The round is still running: results appear when it closes"),
        422: jsonError("Filter refused to protect anonymity"),
      },
    }),
    async (c) => {
      const campaign = await requestedCampaign(c, c.req.valid("param").id);
      const query = reportQuery(c, c.req.valid("query"));
      const report = await campaignReport(c.var.deps, campaign, query, sessionUser(c));
      // Recorded once the report is made: a refused filter or a running round is no entry.
      await audit(c.var.deps, sessionUser(c).id, campaign.organisationId, {
        action: "report_read",
        detail: askedFor(campaign, query),
      });
      c.header("Cache-Control", "private, no-store");
      return c.json(report, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      operationId: "getReportCsv",
      path: "/api/campaigns/{id}/report.csv",
      tags: ["Reports"],
      summary: "The report's aggregates as CSV (same guards as the JSON report)",
      middleware: [requireUser()],
      request: {
        params: IdParam,
        query: ReportParams.extend({
          spreadsheet: z.enum(["nl", "en"]).optional().openapi({
            description:
              "For a spreadsheet in this language: names, `;`, UTF-8 BOM, decimal commas in Dutch (Excel opens it in columns). Without it: the plain machine CSV.",
          }),
        }),
      },
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
        404: jsonError("No such campaign"),
        409: jsonError("The round is still running"),
        422: jsonError("Filter refused"),
      },
    }),
    async (c) => {
      const campaign = await requestedCampaign(c, c.req.valid("param").id);
      const asked = reportQuery(c, c.req.valid("query"));
      const query = { ...asked, dimension: asked.dimension ?? ("department" as const) };
      const report = await campaignReport(c.var.deps, campaign, query, sessionUser(c));
      const spreadsheet = c.req.valid("query").spreadsheet;
      const csv = reportCsv(report, spreadsheet ? { spreadsheet } : {});
      await audit(c.var.deps, sessionUser(c).id, campaign.organisationId, {
        action: "report_exported",
        detail: askedFor(campaign, query),
      });
      const name = await reportFileName(c.var.deps.db, campaign, report, "csv");
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="${name}"`);
      c.header("Cache-Control", "private, no-store");
      return c.body(csv, 200);
    },
  );
