/** Instruments: the built-in ones and a consultant's own uploads, each upload a new version. */
import { createRoute, z } from "@hono/zod-openapi";

import { ApiError, notFound } from "../lib/api-error.js";
import { createRouter } from "../lib/router.js";
import { jsonContent, jsonError, LevelId, Localised, pathParam } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { requireUser, sessionUser } from "../middleware/session.js";
import { instrumentForCampaign, listInstruments, uploadInstrument } from "../services/instruments.js";

const MAX_INSTRUMENT_BYTES = 256 * 1024;

const Summary = z
  .strictObject({
    id: z.string(),
    version: z.number(),
    builtin: z.boolean(),
    title: Localised.openapi({ description: "The instrument's title (its id where it has none)" }),
    items: z.record(z.string(), z.number()),
    desiredState: z.boolean(),
    default: z
      .boolean()
      .openapi({ description: "The instrument a new round gets when it names none (one in the list at most)" }),
    createdAt: z.string().nullable(),
    missingLevels: z
      .array(LevelId)
      .openapi({ description: "Levels the instrument asks nothing about: the diagnosis can never start there" }),
  })
  .openapi("InstrumentSummary");

const SurveyJson = z
  .custom<Record<string, unknown>>(
    (v) => typeof v === "object" && v !== null && !Array.isArray(v),
    "the body must be a SurveyJS JSON object",
  )
  .openapi({ type: "object", description: "SurveyJS JSON with instrumentId; every rating item tagged with a level" });

const VersionParams = z.object({
  id: pathParam("id"),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: "version", in: "path" } }),
});

export const instrumentRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      operationId: "listInstruments",
      summary: "The instruments a consultant may start a round with",
      path: "/api/instruments",
      tags: ["Instruments"],
      middleware: [requireUser("consultant")],
      responses: {
        200: jsonContent(z.array(Summary), "Built-in and own instruments, every version"),
        401: jsonError("No session"),
        403: jsonError("Not a consultant"),
      },
    }),
    async (c) => c.json(await listInstruments(c.var.deps.db, c.var.deps.instruments, sessionUser(c).id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "uploadInstrument",
      path: "/api/instruments",
      tags: ["Instruments"],
      summary: "Upload a SurveyJS instrument; stored as the next version of its instrumentId",
      middleware: [requireUser("consultant"), ...jsonBody(MAX_INSTRUMENT_BYTES)],
      request: { body: { required: true, content: { "application/json": { schema: SurveyJson } } } },
      responses: {
        201: jsonContent(Summary, "Stored"),
        400: jsonError("Not a valid instrument; the first problem is named"),
        409: jsonError("instrumentId belongs to a built-in or another consultant"),
        413: jsonError("Over 256 KB"),
      },
    }),
    async (c) =>
      c.json(
        await uploadInstrument(c.var.deps.db, c.var.deps.instruments, sessionUser(c).id, c.req.valid("json")),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: "get",
      operationId: "getInstrument",
      path: "/api/instruments/{id}/{version}",
      tags: ["Instruments"],
      summary: "One version's SurveyJS JSON (to preview, or to edit and upload as the next version)",
      middleware: [requireUser("consultant")],
      request: { params: VersionParams },
      responses: {
        200: jsonContent(z.record(z.string(), z.unknown()), "SurveyJS JSON"),
        404: jsonError("No such instrument"),
      },
    }),
    async (c) => {
      const { id, version } = c.req.valid("param");
      try {
        const instrument = await instrumentForCampaign(c.var.deps.db, c.var.deps.instruments, sessionUser(c).id, {
          id,
          version,
        });
        return c.json(instrument.json, 200);
      } catch (error) {
        if (error instanceof ApiError) throw notFound("Instrument");
        throw error;
      }
    },
  );
