/**
 * The shape of an audit entry's detail, per action (domain/audit.ts AuditDetails), defined once for
 * the audit log and the organisation export: a compile-time check ties it to the domain's type, so
 * what is written and what the API documents cannot drift apart. Names of what was touched, never
 * a figure, an answer or a client address.
 */
import { z } from "@hono/zod-openapi";

import { AUDIT_ACTIONS, type AuditAction, type AuditDetails } from "../domain/audit.js";
import type { SameType } from "../lib/schemas.js";

const Round = { campaignId: z.string(), title: z.string() };
const Action = { actionId: z.string(), action: z.string().openapi({ description: "The action's title" }) };
const Invitation = { invitationId: z.string(), email: z.string() };
const Nothing = z.strictObject({});
const Removed = z.record(z.string(), z.number()).openapi({ description: "What went, by count" });
const AskedFor = z.strictObject({
  ...Round,
  dimension: z.string().nullable(),
  filters: z.record(z.string(), z.string()),
});

const DETAILS = {
  report_read: AskedFor,
  report_exported: AskedFor,
  invitation_sent: z.strictObject({ ...Invitation, departments: z.array(z.string()).nullable() }),
  invitation_resent: z.strictObject(Invitation),
  invitation_withdrawn: z.strictObject(Invitation),
  invitation_accepted: Nothing,
  manager_revoked: z.strictObject({
    userId: z.string().nullable().openapi({ description: "Null once the account was deleted" }),
    email: z.string(),
  }),
  login: Nothing,
  login_failed: z.strictObject({ count: z.number() }),
  password_reset: Nothing,
  logout_everywhere: Nothing,
  round_opened: z.strictObject(Round),
  round_changed: z.strictObject({ ...Round, fields: z.array(z.string()) }),
  round_closed: z.strictObject(Round),
  codes_issued: z.strictObject({ ...Round, count: z.number() }),
  plan_focus_set: z.strictObject({ ...Round, levels: z.array(z.string()) }),
  plan_action_added: z.strictObject({ ...Round, ...Action }),
  plan_action_changed: z.strictObject({ ...Round, ...Action, fields: z.array(z.string()) }),
  plan_action_removed: z.strictObject({ ...Round, ...Action }),
  summary_shared: z.strictObject(Round),
  summary_revoked: z.strictObject(Round),
  staff_invited: z.strictObject({
    ...Round,
    mode: z.string(),
    sent: z.number(),
    failed: z.number(),
    invalid: z.number(),
    duplicates: z.number(),
  }),
  staff_reminded: z.strictObject({ ...Round, mode: z.string(), sent: z.number(), failed: z.number() }),
  round_deleted: z.strictObject({ ...Round, removed: Removed }),
  organisation_deleted: z.strictObject({ name: z.string(), removed: Removed }),
  account_deleted: z.strictObject({ role: z.string(), removed: Removed }),
  retention_set: z.strictObject({ months: z.number().nullable() }),
  retention_applied: z.strictObject({ ...Round, stage: z.enum(["comments", "round"]), removed: Removed }),
  organisation_exported: z.strictObject({ schemaVersion: z.number() }),
} satisfies Record<AuditAction, z.ZodType>;

/** An entry's fields besides its action and detail, as each answer that lists entries has them. */
export const auditEntrySchema = <S extends z.ZodRawShape>(fields: S, name: string) =>
  z
    .discriminatedUnion(
      "action",
      AUDIT_ACTIONS.map((action) =>
        z.strictObject({ ...fields, action: z.literal(action), detail: DETAILS[action] }),
      ) as unknown as AuditVariants<S>,
    )
    .openapi(name, { description: "Who did what; the detail's fields depend on the action" });

/** One strict object per action (what the map above builds, which TypeScript cannot follow). */
type AuditVariant<S extends z.ZodRawShape> = {
  [A in AuditAction]: z.ZodObject<S & { action: z.ZodLiteral<A>; detail: (typeof DETAILS)[A] }, z.core.$strict>;
}[AuditAction];
type AuditVariants<S extends z.ZodRawShape> = [AuditVariant<S>, ...AuditVariant<S>[]];

/** An entry's detail for its action, as the schemas above describe it. */
type AuditDetailOf<A extends AuditAction> = z.infer<(typeof DETAILS)[A]>;

// Compile-time: each action's detail is exactly what the domain writes.
const _details: SameType<{ [A in AuditAction]: AuditDetailOf<A> }, AuditDetails> = true;
