/**
 * The shape of an organisation's export (services/data-protection.ts organisationExport), defined
 * once: the route answers with it and the service's result is typed by it.
 * It holds no code, token, password hash or anything about one respondent; the schema makes that
 * visible field by field.
 */
import { z } from "@hono/zod-openapi";

import { EXPORT_SCHEMA_VERSION } from "../domain/data-protection.js";
import { LevelId, orNull, UnitSchema } from "../lib/schemas.js";
import { auditEntrySchema } from "./audit.js";
import { ThirdGroupingSchema } from "./campaign-view.js";
import { ActionSchema } from "./plan.js";
import { CampaignReportSchema, Dimension, someOf, ThresholdsSchema } from "./report.js";

const Status = z.enum(["draft", "open", "closed"]);
const UnitScope = z
  .strictObject({ department: z.array(z.string()).optional() })
  .nullable()
  .openapi({ description: "The departments a manager was invited for; null: the whole organisation" });

const ExportedRound = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    status: Status,
    createdAt: z.string(),
    settings: z.strictObject({
      instrument: z.strictObject({ id: z.string(), version: z.int() }),
      opensOn: z.string().nullable(),
      closesOn: z.string().nullable(),
      k: z.int(),
      kComments: z.int(),
      units: someOf(Dimension, z.array(UnitSchema)),
      thresholds: ThresholdsSchema,
      contact: z.string().nullable(),
      thirdGrouping: ThirdGroupingSchema,
      expectedHeadcount: z.int().nullable(),
      requireCode: z.boolean(),
    }),
    codes: z
      .strictObject({ issued: z.int(), used: z.int() })
      .openapi({ description: "How many codes there were, never a code" }),
    release: z
      .strictObject({
        releasedOn: z.string(),
        respondents: z.int(),
        reports: someOf(Dimension, orNull(CampaignReportSchema)).openapi({
          description: "The report broken down by each dimension (comments sorted); null where it is refused",
        }),
      })
      .nullable(),
    actionPlan: z.strictObject({ focusLevels: z.array(LevelId), actions: z.array(ActionSchema) }).nullable(),
    summaryLink: z.strictObject({ shared: z.literal(true) }).nullable(),
  })
  .openapi("ExportedRound");

export const OrganisationExportSchema = z
  .strictObject({
    schema: z.literal("klantgericht.organisation-export"),
    schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
    exportedAt: z.string(),
    organisation: z.strictObject({
      id: z.string(),
      name: z.string(),
      createdAt: z.string().nullable(),
      benchmarkForManagers: z.boolean(),
      retentionMonths: z.int().nullable(),
    }),
    rounds: z.array(ExportedRound),
    managers: z.array(z.strictObject({ email: z.string(), scope: UnitScope })),
    invitations: z.array(z.strictObject({ email: z.string(), scope: UnitScope, expiresAt: z.string() })),
    audit: z.array(auditEntrySchema({ at: z.string(), actor: z.string() }, "ExportedAuditEntry")),
  })
  .openapi("OrganisationExport", { description: "All of an organisation's data, versioned by schemaVersion" });

/** An organisation's data as one document. */
export type OrganisationExport = z.infer<typeof OrganisationExportSchema>;
