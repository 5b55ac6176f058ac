/** Organisations: list what the user may see; consultants create them, their campaigns, and grant managers. */
import { createRoute, z } from "@hono/zod-openapi";
import { campaignDefaults, DEFAULT_K, DEFAULT_K_COMMENTS, MIN_K } from "../domain/campaign.js";
import { DEFAULT_THRESHOLDS } from "../domain/start-here.js";
import { DEFAULT_INSTRUMENT_ID } from "../instruments/registry.js";
import { ApiError } from "../lib/api-error.js";
import { hashPassword } from "../lib/password.js";
import { createRouter } from "../lib/router.js";
import { IdParam, jsonBodyOf, jsonContent, jsonError, UserSchema } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { requireUser } from "../middleware/session.js";
import { assertOrganisationAccess } from "../services/access.js";
import { accessibleOrganisations, createUser, findUserByEmail, grantOrganisation } from "../storage/accounts.js";
import { createCampaign, createOrganisation, listCampaigns, respondentCounts } from "../storage/campaigns.js";
import { CampaignSchema, toCampaignView } from "./campaign-view.js";

const NewOrganisation = z.object({ name: z.string().trim().min(1).max(120) }).strict();
const Organisation = z.object({ id: z.string(), name: z.string() }).openapi("Organisation");

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
const NewCampaign = z
  .object({
    title: z.string().trim().min(1).max(160),
    departments: z
      .array(z.string().trim().min(1).max(80))
      .min(1)
      .max(60)
      .refine((d) => new Set(d).size === d.length, "department names must be unique"),
    k: z.int().min(MIN_K).max(100).default(DEFAULT_K),
    kComments: z.int().min(MIN_K).max(100).default(DEFAULT_K_COMMENTS),
    opensOn: date.nullable().default(null),
    closesOn: date.nullable().default(null),
    status: z.enum(["draft", "open"]).default("draft"),
    thresholds: z
      .object({ weakBelow: z.number().min(0).max(100), dividedSd: z.number().min(0.1).max(4), polarShare: z.number().min(0.05).max(0.5) })
      .partial()
      .strict()
      .default({}),
  })
  .strict()
  .refine((c) => c.kComments >= c.k, { message: "kComments may not be below k", path: ["kComments"] })
  .refine((c) => !c.opensOn || !c.closesOn || c.opensOn <= c.closesOn, { message: "closesOn is before opensOn", path: ["closesOn"] });

const NewManager = z.object({ email: z.email().max(254), password: z.string().min(10).max(1024).optional() }).strict();

const consultantOnly = [requireUser("consultant")];

export const organisationRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/api/organisations",
      tags: ["Organisations"],
      middleware: [requireUser()],
      responses: { 200: jsonContent(z.array(Organisation.extend({ campaigns: z.array(CampaignSchema) })), "Organisations with their campaigns"), 401: jsonError("No session") },
    }),
    async (c) => {
      const { db } = c.var.deps;
      const user = c.var.user!;
      const organisations = await accessibleOrganisations(db, user);
      // Two queries for the whole portfolio, not two per organisation.
      const campaigns = await listCampaigns(db, organisations.map((o) => o.id));
      const counts = await respondentCounts(db, campaigns.map((x) => x.id));
      const result = organisations.map((organisation) => ({
        ...organisation,
        campaigns: campaigns.filter((x) => x.organisationId === organisation.id).map((x) => toCampaignView(x, counts.get(x.id) ?? 0, user)),
      }));
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/organisations",
      tags: ["Organisations"],
      middleware: [...consultantOnly, ...jsonBody(8 * 1024)],
      request: { body: jsonBodyOf(NewOrganisation) },
      responses: { 201: jsonContent(Organisation, "Created"), 400: jsonError("Invalid"), 401: jsonError("No session"), 403: jsonError("Not a consultant") },
    }),
    async (c) => c.json(await createOrganisation(c.var.deps.db, c.req.valid("json").name, c.var.user!.id), 201),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/organisations/{id}/campaigns",
      tags: ["Organisations"],
      middleware: [...consultantOnly, ...jsonBody(32 * 1024)],
      request: { params: IdParam, body: jsonBodyOf(NewCampaign) },
      responses: { 201: jsonContent(CampaignSchema, "Created"), 400: jsonError("Invalid"), 404: jsonError("No such organisation") },
    }),
    async (c) => {
      const { db, instruments } = c.var.deps;
      const { id } = c.req.valid("param");
      await assertOrganisationAccess(db, c.var.user!, id);
      const body = c.req.valid("json");
      const instrument = instruments.latest(DEFAULT_INSTRUMENT_ID)!;
      const campaign = await createCampaign(db, {
        ...campaignDefaults(instrument, body.departments),
        organisationId: id,
        title: body.title,
        status: body.status,
        opensOn: body.opensOn,
        closesOn: body.closesOn,
        k: body.k,
        kComments: body.kComments,
        thresholds: { ...DEFAULT_THRESHOLDS, ...body.thresholds },
      });
      return c.json(toCampaignView(campaign, 0, c.var.user!), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/api/organisations/{id}/managers",
      tags: ["Organisations"],
      summary: "Grant a manager read access to the organisation's reports (creating the account when new)",
      middleware: [...consultantOnly, ...jsonBody(8 * 1024)],
      request: { params: IdParam, body: jsonBodyOf(NewManager) },
      responses: { 201: jsonContent(z.object({ user: UserSchema }), "Granted"), 400: jsonError("Invalid"), 404: jsonError("No such organisation"), 409: jsonError("Email belongs to a consultant") },
    }),
    async (c) => {
      const { db } = c.var.deps;
      const { id } = c.req.valid("param");
      await assertOrganisationAccess(db, c.var.user!, id);
      const { email, password } = c.req.valid("json");
      const existing = await findUserByEmail(db, email);
      if (existing && existing.role !== "manager") throw new ApiError(409, "not_a_manager", "This email belongs to a consultant account.");
      if (!existing && !password) throw new ApiError(400, "password_required", "A new manager account needs a password of at least 10 characters.", [{ path: "password", message: "required for a new account" }]);
      const user = existing ? { id: existing.id, email: existing.email, role: existing.role } : await createUser(db, email, await hashPassword(password!), "manager");
      await grantOrganisation(db, user.id, id);
      return c.json({ user }, 201);
    },
  );
