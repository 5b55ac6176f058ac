/** Environment of the Node entry and CLI (and the worker's vars), parsed once with zod so a bad value fails fast and clearly. */
import { z } from "zod";
import { DEFAULT_SUBMISSIONS_PER_HOUR } from "./services/respondent-limits.js";

/** Settings the worker reads from its vars (wrangler.toml) as the Node entry reads them from its environment. */
const AppVarsSchema = z.object({
  /** Stored submissions per client address per open-link round per hour; rounds on codes are not limited. */
  RESPONDENT_SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).default(DEFAULT_SUBMISSIONS_PER_HOUR),
  /** The sender of invitation and reset mails, e.g. "Klantgericht <noreply@example.org>"; required with a mail transport. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Workers (or Node without SMTP): an HTTP mail API that takes { from, to, subject, text, html } with a Bearer key. */
  MAIL_API_URL: z.url().optional(),
  MAIL_API_KEY: z.string().min(1).optional(),
  /** Where links in mails start, e.g. https://survey.example.org (on Node it defaults to localhost and PORT). */
  PUBLIC_URL: z.url().optional(),
});

/** A mail transport needs a sender; an API URL needs its key. Said once, at start, not at the first invitation. */
const mailSettingsComplete = (v: { MAIL_FROM?: string | undefined; MAIL_API_URL?: string | undefined; MAIL_API_KEY?: string | undefined; SMTP_URL?: string | undefined }, ctx: z.RefinementCtx) => {
  if ((v.SMTP_URL || v.MAIL_API_URL) && !v.MAIL_FROM) ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "required when SMTP_URL or MAIL_API_URL is set" });
  if (v.MAIL_API_URL && !v.MAIL_API_KEY) ctx.addIssue({ code: "custom", path: ["MAIL_API_KEY"], message: "required when MAIL_API_URL is set" });
};

const EnvSchema = AppVarsSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().optional(),
  DATABASE_URL: z.string().min(1).default("file:data/app.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** For the embedded file: NORMAL (default; survives a process crash) or FULL (also a power loss). */
  DATABASE_SYNCHRONOUS: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
  /** SMTP for invitation and reset mails: smtp://user:pass@host:587 or smtps://user:pass@host:465. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "an smtp:// or smtps:// URL").optional(),
}).superRefine(mailSettingsComplete);

export type Env = z.infer<typeof EnvSchema> & { publicUrl: string };

function parse<T extends z.ZodType>(schema: T, source: object): z.infer<T> {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const env = parse(EnvSchema, source);
  return { ...env, publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "") };
}

export type AppVars = z.infer<typeof AppVarsSchema>;

/** The worker's vars (its bindings hold more, which this ignores). */
export function parseAppVars(source: object): AppVars {
  return parse(AppVarsSchema.superRefine(mailSettingsComplete), source);
}
