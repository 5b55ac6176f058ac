/**
 * A released round's action plan (focus levels and actions) and the link that shares its staff
 * summary. Everyone who may read the round reads its plan; consultants and unscoped managers
 * change it and share it (403 for managers scoped to departments); a running round has none (409).
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";

import type { AppEnv } from "../app-env.js";
import { ACTION_STATUSES, isDueDate, MAX_ACTIONS, MAX_OWNER, MAX_TITLE } from "../domain/action-plan.js";
import { LEVEL_IDS } from "../domain/levels.js";
import { publicBase } from "../lib/links.js";
import { createRouter } from "../lib/router.js";
import { IdParam, jsonBodyOf, jsonContent, jsonError, lineOfText, pathParam } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { requireUser, sessionUser } from "../middleware/session.js";
import { ActionSchema, PlanSchema } from "../schemas/plan.js";
import { accessibleCampaign } from "../services/access.js";
import { actionPlan, addAction, changeAction, removeAction, setFocus } from "../services/action-plans.js";
import { revokeSummary, shareSummary } from "../services/staff-summary.js";

const Level = z.enum(LEVEL_IDS);
const Status = z.enum(ACTION_STATUSES);
const DueOn = z.string().refine(isDueDate, "a calendar date as YYYY-MM-DD");
const Title = lineOfText(MAX_TITLE).min(1);
const Owner = lineOfText(MAX_OWNER)
  .min(1)
  .openapi({ description: "A role or the name of the staff member responsible — never a respondent" });

const FocusBody = z
  .object({
    focusLevels: z
      .array(Level)
      .max(LEVEL_IDS.length)
      .refine((l) => new Set(l).size === l.length, "each level once"),
  })
  .strict();
const NewActionBody = z
  .object({ level: Level, title: Title, owner: Owner, dueOn: DueOn.nullable().optional(), status: Status.optional() })
  .strict();
const ActionPatch = z
  .object({ level: Level, title: Title, owner: Owner, dueOn: DueOn.nullable(), status: Status })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, "change at least one field");
const ActionParams = IdParam.extend({
  actionId: pathParam("actionId"),
});
const SharedSchema = z
  .strictObject({
    link: z.string().openapi({ description: "Shown once: only its hash is stored" }),
    createdAt: z.string(),
  })
  .openapi("SummaryLink");

const campaignOf = (c: Context<AppEnv>, id: string) => accessibleCampaign(c.var.deps.db, sessionUser(c), id);

const common = {
  401: jsonError("No session"),
  404: jsonError("No such campaign"),
  409: jsonError("The round is still running: a plan comes with its results"),
};
const writes = {
  ...common,
  400: jsonError("Invalid"),
  403: jsonError("A manager scoped to departments reads the plan but does not change it"),
};

export const actionPlanRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      operationId: "getActionPlan",
      path: "/api/campaigns/{id}/action-plan",
      tags: ["Action plans"],
      summary:
        "The released round's action plan: focus levels (start-here preselected), actions, and the previous round's plan beside the trend",
      middleware: [requireUser()],
      request: { params: IdParam },
      responses: { 200: jsonContent(PlanSchema, "The plan"), ...common },
    }),
    async (c) => {
      const campaign = await campaignOf(c, c.req.valid("param").id);
      c.header("Cache-Control", "private, no-store");
      return c.json(await actionPlan(c.var.deps, campaign, sessionUser(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      operationId: "setFocusLevels",
      path: "/api/campaigns/{id}/action-plan",
      tags: ["Action plans"],
      summary: "Choose the plan's focus levels",
      middleware: [requireUser(), ...jsonBody(2 * 1024)],
      request: { params: IdParam, body: jsonBodyOf(FocusBody) },
      responses: { 200: jsonContent(PlanSchema, "The plan, saved"), ...writes },
    }),
    async (c) => {
      const campaign = await campaignOf(c, c.req.valid("param").id);
      return c.json(await setFocus(c.var.deps, campaign, sessionUser(c), c.req.valid("json").focusLevels), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "addAction",
      path: "/api/campaigns/{id}/action-plan/actions",
      tags: ["Action plans"],
      summary: "Add an action: level, title, owner (a role or name of staff), due date, status",
      middleware: [requireUser(), ...jsonBody(4 * 1024)],
      request: { params: IdParam, body: jsonBodyOf(NewActionBody) },
      responses: {
        201: jsonContent(ActionSchema, "The action"),
        ...writes,
        409: jsonError(`The round is still running, or the plan holds ${MAX_ACTIONS} actions already`),
      },
    }),
    async (c) => {
      const campaign = await campaignOf(c, c.req.valid("param").id);
      const { dueOn, status, ...rest } = c.req.valid("json");
      return c.json(
        await addAction(c.var.deps, campaign, sessionUser(c), {
          ...rest,
          ...(dueOn !== undefined ? { dueOn } : {}),
          ...(status ? { status } : {}),
        }),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      operationId: "updateAction",
      path: "/api/campaigns/{id}/action-plan/actions/{actionId}",
      tags: ["Action plans"],
      summary: "Change an action (any of its fields, e.g. its status)",
      middleware: [requireUser(), ...jsonBody(4 * 1024)],
      request: { params: ActionParams, body: jsonBodyOf(ActionPatch) },
      responses: {
        200: jsonContent(ActionSchema, "The action, changed"),
        ...writes,
        404: jsonError("No such campaign or action"),
      },
    }),
    async (c) => {
      const campaign = await campaignOf(c, c.req.valid("param").id);
      return c.json(
        await changeAction(c.var.deps, campaign, sessionUser(c), c.req.valid("param").actionId, c.req.valid("json")),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      operationId: "removeAction",
      path: "/api/campaigns/{id}/action-plan/actions/{actionId}",
      tags: ["Action plans"],
      summary: "Remove an action",
      middleware: [requireUser()],
      request: { params: ActionParams },
      responses: { 204: { description: "Removed" }, ...writes, 404: jsonError("No such campaign or action") },
    }),
    async (c) => {
      const campaign = await campaignOf(c, c.req.valid("param").id);
      await removeAction(c.var.deps, campaign, sessionUser(c), c.req.valid("param").actionId);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "shareSummary",
      path: "/api/campaigns/{id}/summary-link",
      tags: ["Action plans"],
      summary: "Share the round's results summary with staff: a new link (any earlier one stops working), shown once",
      middleware: [requireUser()],
      request: { params: IdParam },
      responses: {
        201: jsonContent(SharedSchema, "The link"),
        ...writes,
        409: jsonError("The round is still running, or has fewer than k respondents"),
      },
    }),
    async (c) => {
      const campaign = await campaignOf(c, c.req.valid("param").id);
      const { token, createdAt } = await shareSummary(c.var.deps, campaign, sessionUser(c));
      c.header("Cache-Control", "private, no-store");
      // In the fragment: the token never reaches a server log or a referrer on the way to the page.
      return c.json({ link: `${publicBase(c)}/summary#${token}`, createdAt }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      operationId: "revokeSummaryLink",
      path: "/api/campaigns/{id}/summary-link",
      tags: ["Action plans"],
      summary: "Revoke the round's staff summary link",
      middleware: [requireUser()],
      request: { params: IdParam },
      responses: {
        204: { description: "Revoked (or there was none)" },
        401: jsonError("No session"),
        403: writes[403],
        404: common[404],
      },
    }),
    async (c) => {
      const campaign = await campaignOf(c, c.req.valid("param").id);
      await revokeSummary(c.var.deps, campaign, sessionUser(c));
      return c.body(null, 204);
    },
  );
