/**
 * The respondent API behind a survey link: the campaign's public data with its instrument,
 * and the submission of answers. No session, no cookie, nothing about the client is kept; its
 * address is read only to rate-limit, as a keyed hash in memory (services/respondent-limits.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";

import { LANGUAGES, pickLanguage } from "../domain/i18n.js";
import { ASKED_DIMENSIONS } from "../domain/units.js";
import { noSession } from "../lib/openapi-document.js";
import { createRouter } from "../lib/router.js";
import { jsonError, Localised, pathParam, UnitSchema } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { assertUsableCode } from "../services/access-codes.js";
import {
  findLinkedCampaign,
  findOpenCampaign,
  organisationName,
  receiveSubmission,
  storedBefore,
} from "../services/respondent.js";

const MAX_SUBMISSION_BYTES = 64 * 1024;

const TokenParam = z.object({
  token: pathParam("token"),
});

/** What the survey page gets behind a link; the page imports its type. */
const PublicSurveySchema = z.strictObject({
  title: z.string(),
  languages: z.array(z.enum(LANGUAGES)),
  defaultLanguage: z.enum(LANGUAGES),
  k: z.number(),
  kComments: z
    .number()
    .openapi({ description: "Comments are shown only for groups of at least this many respondents" }),
  closesOn: z.string().nullable().openapi({ description: "The last day to answer; results are released after it" }),
  requiresCode: z.boolean(),
  organisation: z.string().openapi({ description: "Who is asking" }),
  contact: z.string().nullable().openapi({ description: "Whom to ask about the round" }),
  units: z.record(z.string(), z.array(UnitSchema)),
  thirdGroupingQuestion: Localised.nullable().openapi({
    description: "The question of the client's own third grouping, in place of the instrument's tenure question",
  }),
  instrument: z.record(z.string(), z.unknown()),
});
export type PublicSurvey = z.infer<typeof PublicSurveySchema>;

const getSurvey = createRoute({
  method: "get",
  operationId: "getSurvey",
  security: noSession,
  path: "/api/s/{token}",
  tags: ["Respondent"],
  summary: "The survey behind a link: title, languages, units and the instrument",
  request: { params: TokenParam },
  responses: {
    200: {
      description: "The campaign's public data",
      content: {
        "application/json": {
          schema: PublicSurveySchema,
        },
      },
    },
    404: jsonError("Unknown link"),
    410: jsonError("Closed or not yet open"),
  },
});

const SubmissionSchema = z
  .object({
    submissionId: z.uuid().openapi({ description: "Chosen by the client once per completed survey; retries reuse it" }),
    // Passed through untouched (a record schema would copy it and silently drop a "__proto__" key);
    // the campaign's own strict schema checks every key afterwards.
    answers: z
      .custom<Record<string, unknown>>(
        (v) => typeof v === "object" && v !== null && !Array.isArray(v),
        "answers must be an object",
      )
      .openapi({ type: "object", description: "Question name → answer, as SurveyJS produces it" }),
    accessCode: z
      .string()
      .max(64)
      .optional()
      .openapi({ description: "The single-use code, when the survey requires one" }),
  })
  .strict()
  .openapi("Submission");

const ReceiptSchema = z.strictObject({ status: z.literal("stored"), submissionId: z.string() }).openapi("Receipt");

const postResponse = createRoute({
  method: "post",
  operationId: "submitResponse",
  security: noSession,
  path: "/api/s/{token}/responses",
  tags: ["Respondent"],
  summary: "Submit a completed survey (idempotent per submissionId)",
  middleware: jsonBody(MAX_SUBMISSION_BYTES),
  request: {
    params: TokenParam,
    body: { required: true, content: { "application/json": { schema: SubmissionSchema } } },
  },
  responses: {
    201: {
      description: "Stored (also for a retry of an already stored submission)",
      content: { "application/json": { schema: ReceiptSchema } },
    },
    400: jsonError("Invalid body or answers, or a required access code missing; nothing stored"),
    403: jsonError("Access code not valid for this survey"),
    404: jsonError("Unknown link"),
    409: jsonError("Access code already used"),
    410: jsonError("Closed or not yet open"),
    413: jsonError("Body over 64 KB"),
    415: jsonError("Not JSON"),
    429: jsonError(
      "Too many responses to an open-link round, or too many failed codes, from this client; nothing stored (Retry-After says when to try again)",
    ),
  },
});

const checkCode = createRoute({
  method: "post",
  operationId: "checkAccessCode",
  security: noSession,
  path: "/api/s/{token}/access-code",
  tags: ["Respondent"],
  summary: "Check a single-use code before answering (does not use it up)",
  middleware: jsonBody(1024),
  request: {
    params: TokenParam,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ accessCode: z.string().max(64) }).strict() } },
    },
  },
  responses: {
    200: {
      description: "The code can be used",
      content: { "application/json": { schema: z.strictObject({ status: z.literal("valid") }) } },
    },
    400: jsonError("Missing code"),
    403: jsonError("Not a code of this survey"),
    404: jsonError("Unknown link"),
    409: jsonError("Already used"),
    410: jsonError("Closed or not yet open"),
    429: jsonError("Too many failed codes from this client (Retry-After says when to try again)"),
  },
});

export const respondentRoutes = createRouter()
  .openapi(getSurvey, async (c) => {
    const { db, instruments, now } = c.var.deps;
    const { campaign, instrument } = await findOpenCampaign(db, instruments, c.req.valid("param").token, now());
    const units = Object.fromEntries(
      ASKED_DIMENSIONS.flatMap((d) => {
        const units = campaign.units[d];
        // The choices only: a unit's headcount is the client's staffing, not something staff need.
        return units?.length ? [[d, units.map(({ value, label }) => ({ value, label }))]] : [];
      }),
    );
    const organisation = await organisationName(db, campaign.organisationId);
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        title: campaign.title,
        languages: [...LANGUAGES],
        defaultLanguage: pickLanguage(c.req.header("accept-language")),
        k: campaign.k,
        kComments: campaign.kComments,
        closesOn: campaign.closesOn,
        requiresCode: campaign.requireCode,
        organisation,
        contact: campaign.contact,
        units,
        thirdGroupingQuestion: campaign.thirdGrouping?.question ?? null,
        instrument: instrument.json,
      },
      200,
    );
  })
  .openapi(postResponse, async (c) => {
    const { db, instruments, now, sha256, clientAddress, respondentLimits } = c.var.deps;
    const today = now();
    // The answers can only be checked against the campaign's own instrument and units.
    const open = await findLinkedCampaign(db, instruments, c.req.valid("param").token);
    const submission = c.req.valid("json");
    await respondentLimits.submit(
      open.campaign,
      clientAddress(c),
      today,
      () => receiveSubmission(db, open, submission, today, sha256),
      () => storedBefore(db, open.campaign, submission.submissionId, sha256),
    );
    // The same body for a first store and a retry, so a client cannot tell (or care) which it was.
    return c.json({ status: "stored" as const, submissionId: submission.submissionId }, 201);
  })
  .openapi(checkCode, async (c) => {
    const { db, instruments, now, clientAddress, respondentLimits } = c.var.deps;
    const today = now();
    const { campaign } = await findOpenCampaign(db, instruments, c.req.valid("param").token, today);
    c.header("Cache-Control", "no-store");
    if (!campaign.requireCode) return c.json({ status: "valid" as const }, 200);
    const { accessCode } = c.req.valid("json");
    await respondentLimits.checkCode(campaign, clientAddress(c), today, () =>
      assertUsableCode(db, campaign, accessCode),
    );
    return c.json({ status: "valid" as const }, 200);
  });
