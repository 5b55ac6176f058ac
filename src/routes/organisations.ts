/** Organisations: list what the user may see; consultants create them and their campaigns (managers come by invitation: routes/invitations.ts). */
import { createRoute, z } from "@hono/zod-openapi";

import { campaignDefaults, DEFAULT_K, defaultKComments, roundRuleProblems, roundUnits } from "../domain/campaign.js";
import { DEFAULT_THRESHOLDS } from "../domain/level-bars.js";
import { DEFAULT_INSTRUMENT_ID } from "../instruments/registry.js";
import { notFound } from "../lib/api-error.js";
import { publicBase } from "../lib/links.js";
import { createRouter } from "../lib/router.js";
import { IdParam, jsonBodyOf, jsonContent, jsonError, lineOfText } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { requireUser, sessionUser } from "../middleware/session.js";
import { CampaignSchema, toCampaignView } from "../schemas/campaign-view.js";
import { TrendsSchema } from "../schemas/trends.js";
import { assertOrganisationAccess } from "../services/access.js";
import { instrumentForCampaign } from "../services/instruments.js";
import { portfolio } from "../services/portfolio.js";
import { organisationTrends } from "../services/trends.js";
import { createCampaign, createOrganisation, findOrganisation, setBenchmarkForManagers } from "../storage/campaigns.js";
import { roundFields } from "./round-fields.js";

const NewOrganisation = z.object({ name: lineOfText(120).min(1) }).strict();
const Organisation = z
  .strictObject({ id: z.string(), name: z.string(), benchmarkForManagers: z.boolean().optional() })
  .openapi("Organisation");
/** An organisation as GET /api/organisations lists it: with its rounds. */
const OrganisationListing = z
  .strictObject({ ...Organisation.shape, campaigns: z.array(CampaignSchema) })
  .openapi("OrganisationWithRounds");
export type OrganisationListing = z.infer<typeof OrganisationListing>;
const OrganisationPatch = z.object({ benchmarkForManagers: z.boolean() }).strict();

const NewCampaign = z
  .object({
    title: roundFields.title,
    departments: roundFields.departments,
    roles: roundFields.roles.default(null),
    tenure: roundFields.tenure.default(null),
    k: roundFields.k.default(DEFAULT_K),
    kComments: roundFields.kComments.optional(),
    opensOn: roundFields.opensOn.default(null),
    closesOn: roundFields.closesOn.default(null),
    instrument: roundFields.instrument.optional(),
    expectedHeadcount: roundFields.expectedHeadcount.default(null),
    requireCode: roundFields.requireCode.default(false),
    contact: roundFields.contact.default(null),
    thirdGrouping: roundFields.thirdGrouping.default(null),
    status: z.enum(["draft", "open"]).default("draft"),
    thresholds: z
      .object({
        weakBelow: z
          .number()
          .min(0)
          .max(100)
          .openapi({ description: "A level whose 95% interval lies below this score (0–100) is weak; default 60" }),
      })
      .partial()
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const problem of roundRuleProblems({ ...c, kComments: c.kComments ?? defaultKComments(c.k) }))
      ctx.addIssue({ code: "custom", message: problem.message, path: [problem.path], params: { code: problem.code } });
  });

const consultantOnly = [requireUser("consultant")];

export const organisationRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      operationId: "listOrganisations",
      summary: "The organisations this account may see, each with its rounds",
      path: "/api/organisations",
      tags: ["Organisations"],
      middleware: [requireUser()],
      responses: {
        200: jsonContent(z.array(OrganisationListing), "Organisations with their campaigns"),
        401: jsonError("No session"),
      },
    }),
    async (c) => {
      const user = sessionUser(c);
      const result = (await portfolio(c.var.deps.db, user, c.var.deps.now())).map(
        ({ organisation: { benchmarkForManagers, ...organisation }, campaigns }) => ({
          ...organisation,
          // Only the consultant decides (and needs to know) whether managers see the benchmark line.
          ...(user.role === "consultant" ? { benchmarkForManagers } : {}),
          campaigns: campaigns.map(({ campaign, facts }) => toCampaignView(campaign, facts, user, publicBase(c))),
        }),
      );
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "createOrganisation",
      summary: "Create an organisation the consultant runs",
      path: "/api/organisations",
      tags: ["Organisations"],
      middleware: [...consultantOnly, ...jsonBody(8 * 1024)],
      request: { body: jsonBodyOf(NewOrganisation) },
      responses: {
        201: jsonContent(Organisation, "Created"),
        400: jsonError("Invalid"),
        401: jsonError("No session"),
        403: jsonError("Not a consultant"),
      },
    }),
    async (c) =>
      c.json(
        {
          ...(await createOrganisation(c.var.deps.db, c.req.valid("json").name, sessionUser(c).id)),
          benchmarkForManagers: false,
        },
        201,
      ),
  )
  .openapi(
    createRoute({
      method: "patch",
      operationId: "updateOrganisation",
      path: "/api/organisations/{id}",
      tags: ["Organisations"],
      summary: "Let the organisation's managers see the benchmark line (never its inputs)",
      middleware: [...consultantOnly, ...jsonBody(1024)],
      request: { params: IdParam, body: jsonBodyOf(OrganisationPatch) },
      responses: {
        200: jsonContent(Organisation, "Changed"),
        400: jsonError("Invalid"),
        404: jsonError("No such organisation"),
      },
    }),
    async (c) => {
      const { db } = c.var.deps;
      const { id } = c.req.valid("param");
      await assertOrganisationAccess(db, sessionUser(c), id);
      await setBenchmarkForManagers(db, id, c.req.valid("json").benchmarkForManagers);
      const organisation = await findOrganisation(db, id);
      if (!organisation) throw notFound("Organisation");
      return c.json(
        { id: organisation.id, name: organisation.name, benchmarkForManagers: organisation.benchmarkForManagers },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      operationId: "getOrganisationTrends",
      path: "/api/organisations/{id}/trends",
      tags: ["Reports"],
      summary:
        "Per level, the change between rounds: Welch's t-test, Holm-corrected per step, and a minimum meaningful change",
      middleware: [requireUser()],
      request: { params: IdParam },
      responses: { 200: jsonContent(TrendsSchema, "Rounds and level trends"), 404: jsonError("No such organisation") },
    }),
    async (c) => {
      const { db, instruments } = c.var.deps;
      const { id } = c.req.valid("param");
      await assertOrganisationAccess(db, sessionUser(c), id);
      c.header("Cache-Control", "private, no-store");
      return c.json(await organisationTrends(db, instruments, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "createCampaign",
      summary: "Create a round (a draft, or open at once) in the organisation",
      path: "/api/organisations/{id}/campaigns",
      tags: ["Organisations"],
      middleware: [...consultantOnly, ...jsonBody(32 * 1024)],
      request: { params: IdParam, body: jsonBodyOf(NewCampaign) },
      responses: {
        201: jsonContent(CampaignSchema, "Created"),
        400: jsonError("Invalid"),
        404: jsonError("No such organisation"),
      },
    }),
    async (c) => {
      const { db, instruments } = c.var.deps;
      const { id } = c.req.valid("param");
      await assertOrganisationAccess(db, sessionUser(c), id);
      const body = c.req.valid("json");
      const instrument = await instrumentForCampaign(
        db,
        instruments,
        sessionUser(c).id,
        body.instrument ?? { id: DEFAULT_INSTRUMENT_ID },
      );
      const campaign = await createCampaign(db, {
        ...campaignDefaults(instrument, body.departments),
        units: roundUnits(body),
        organisationId: id,
        title: body.title,
        status: body.status,
        opensOn: body.opensOn,
        closesOn: body.closesOn,
        k: body.k,
        kComments: body.kComments ?? defaultKComments(body.k),
        thresholds: { ...DEFAULT_THRESHOLDS, ...body.thresholds },
        expectedHeadcount: body.expectedHeadcount,
        requireCode: body.requireCode,
        contact: body.contact || null,
        thirdGrouping: body.thirdGrouping,
      });
      return c.json(
        toCampaignView(
          campaign,
          { respondents: 0, codes: { issued: 0, used: 0 }, startHere: null },
          sessionUser(c),
          publicBase(c),
        ),
        201,
      );
    },
  );
