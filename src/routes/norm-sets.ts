/**
 * Norm sets: the consultant publishes a frozen benchmark on request, and lists and reads their
 * own. Consultants only; another consultant's set is not found.
 */
import { createRoute, z } from "@hono/zod-openapi";

import { calendarDate } from "../domain/campaign.js";
import { notFound } from "../lib/api-error.js";
import { createRouter } from "../lib/router.js";
import { IdParam, jsonContent, jsonError, LevelId } from "../lib/schemas.js";
import { requireUser, sessionUser } from "../middleware/session.js";
import { normSetDetail, normSetOverview, publishNormSet } from "../services/norm-sets.js";
import { findNormSet } from "../storage/norm-sets.js";

const NormSetSummary = z
  .strictObject({
    id: z.string(),
    madeOn: z.string().openapi({ description: "The date it was made (YYYY-MM-DD)" }),
    organisations: z.number().openapi({ description: "Organisations in the set, each with one round" }),
    campaigns: z.number(),
    levels: z.record(LevelId, z.number()).openapi({
      description: "Mean 0–100 score per level over the organisations, each once",
      additionalProperties: false,
    }),
  })
  .openapi("NormSetSummary");

// Its own object rather than an extension: `allOf` with a closed summary would refuse `members`.
const NormSet = z
  .strictObject({
    ...NormSetSummary.shape,
    members: z.array(
      z.strictObject({
        organisation: z.strictObject({ id: z.string(), name: z.string() }),
        campaign: z.strictObject({ id: z.string(), title: z.string() }),
      }),
    ),
  })
  .openapi("NormSet");

const NormSets = z
  .strictObject({
    sets: z.array(NormSetSummary).openapi({ description: "Latest first; reports and comparisons use the first" }),
    next: z
      .strictObject({
        qualifying: z
          .number()
          .openapi({ description: "Organisations with a released round that reached k and measured all seven levels" }),
        newOrganisations: z.number().openapi({ description: "Of those, how many the latest set does not hold" }),
        refusal: z
          .enum(["too_few_organisations", "too_few_new_organisations"])
          .nullable()
          .openapi({ description: "Why publishing now would be refused; null when it would not" }),
        first: z.boolean().openapi({ description: "No set has been published yet" }),
      })
      .openapi({ description: "What publishing a set now would do" }),
  })
  .openapi("NormSets");

const consultantOnly = [requireUser("consultant")];

export const normSetRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      operationId: "publishNormSet",
      path: "/api/norm-sets",
      tags: ["Consultant"],
      summary:
        "Publish a frozen benchmark: per organisation its latest released round that reached k; refused below five organisations, or when fewer than three are new since the previous set",
      middleware: consultantOnly,
      responses: {
        201: jsonContent(NormSet, "The published set"),
        401: jsonError("No session"),
        403: jsonError("Not a consultant"),
        409: jsonError(
          "Refused: too few organisations, too few new ones since the previous set, or another set published at the same moment",
        ),
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      return c.json(await publishNormSet(db, sessionUser(c).id, calendarDate(now())), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      operationId: "listNormSets",
      path: "/api/norm-sets",
      tags: ["Consultant"],
      summary: "Your published norm sets, latest first, and whether a new one could be published now",
      middleware: consultantOnly,
      responses: {
        200: jsonContent(NormSets, "Norm sets"),
        401: jsonError("No session"),
        403: jsonError("Not a consultant"),
      },
    }),
    async (c) => {
      c.header("Cache-Control", "private, no-store");
      return c.json(await normSetOverview(c.var.deps.db, sessionUser(c).id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      operationId: "getNormSet",
      path: "/api/norm-sets/{id}",
      tags: ["Consultant"],
      summary: "One of your norm sets, with the organisations and rounds it holds",
      middleware: consultantOnly,
      request: { params: IdParam },
      responses: {
        200: jsonContent(NormSet, "The set"),
        401: jsonError("No session"),
        403: jsonError("Not a consultant"),
        404: jsonError("No such norm set of yours"),
      },
    }),
    async (c) => {
      const { db } = c.var.deps;
      const set = await findNormSet(db, sessionUser(c).id, c.req.valid("param").id);
      if (!set) throw notFound("Norm set");
      c.header("Cache-Control", "private, no-store");
      return c.json(await normSetDetail(db, set), 200);
    },
  );
