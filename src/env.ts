/** Environment of the Node entry and CLI (and the worker's vars), parsed once with zod so a bad value fails fast and clearly. */
import { z } from "zod";

import { LOG_LEVELS } from "./lib/log.js";
import { DEFAULT_SUBMISSIONS_PER_HOUR } from "./services/respondent-limits.js";

/** The embedded file the server uses when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL = "file:data/app.db";

/** Settings the worker reads from its vars (wrangler.toml) as the Node entry reads them from its environment. */
const AppVarsSchema = z.object({
  /** Stored submissions per client address per open-link round per hour; rounds on codes are not limited. */
  RESPONDENT_SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).default(DEFAULT_SUBMISSIONS_PER_HOUR),
  /**
   * The key of the login attempt counters' HMAC (lib/login-keys.ts), at least 32 characters, e.g.
   * `openssl rand -base64 32`. Required in production (NODE_ENV=production, and on Workers, as a
   * secret); elsewhere a random key is made per process.
   */
  LOGIN_KEY_SECRET: z
    .string()
    .min(32, "LOGIN_KEY_SECRET needs at least 32 characters (e.g. `openssl rand -base64 32`)")
    .optional(),
  /**
   * The key of staff invitations kept for reminders (lib/invitation-keys.ts): the HMAC of each
   * address and the seal of its code. At least 32 characters; required in production when mail is
   * configured; elsewhere a random key per process (reminders then need the process that invited).
   */
  INVITATION_KEY_SECRET: z
    .string()
    .min(32, "INVITATION_KEY_SECRET needs at least 32 characters (e.g. `openssl rand -base64 32`)")
    .optional(),
  /** The sender of invitation and reset mails, e.g. "Klantgericht <noreply@example.org>"; required with a mail transport. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Workers (or Node without SMTP): an HTTP mail API that takes { from, to, subject, text, html } with a Bearer key. */
  MAIL_API_URL: z.url().optional(),
  MAIL_API_KEY: z.string().min(1).optional(),
  /** How links are printed and where links in mails start, e.g. https://survey.example.org (on Node it defaults to localhost and PORT). */
  PUBLIC_URL: z.url().optional(),
  /** The least severe JSON log line written: debug, info (default), warn, error or silent (lib/log.ts). */
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { error: `use one of ${LOG_LEVELS.join(", ")}` }))
    .default("info"),
});

/** on/off switches: on, true, yes, 1 — off, false, no, 0 (any case). */
const onOff = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["on", "off", "true", "false", "yes", "no", "1", "0"], { error: "use on or off" }))
    .transform((v) => ["on", "true", "yes", "1"].includes(v))
    .optional()
    .transform((v) => v ?? fallback);

/** A mail transport needs a sender; an API URL needs its key. Said once, at start, not at the first invitation. */
const mailSettingsComplete = (
  v: {
    MAIL_FROM?: string | undefined;
    MAIL_API_URL?: string | undefined;
    MAIL_API_KEY?: string | undefined;
    SMTP_URL?: string | undefined;
  },
  ctx: z.RefinementCtx,
) => {
  if ((v.SMTP_URL || v.MAIL_API_URL) && !v.MAIL_FROM)
    ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "required when SMTP_URL or MAIL_API_URL is set" });
  if (v.MAIL_API_URL && !v.MAIL_API_KEY)
    ctx.addIssue({ code: "custom", path: ["MAIL_API_KEY"], message: "required when MAIL_API_URL is set" });
};

const EnvSchema = AppVarsSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().optional(),
  DATABASE_URL: z
    .string()
    .min(1)
    .default(() => DEFAULT_DATABASE_URL),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** For the embedded file: NORMAL (default; survives a process crash) or FULL (also a power loss). */
  DATABASE_SYNCHRONOUS: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
  /**
   * Behind a reverse proxy: take the client address from the right-most X-Forwarded-For entry
   * (the one the proxy added) and the scheme from X-Forwarded-Proto. Off by default, and then
   * both headers are ignored (anyone can send them).
   */
  TRUST_PROXY: onOff(false),
  /** `off` never seeds the demo (as `npm start -- --no-demo`). */
  DEMO: onOff(true),
  NODE_ENV: z.string().optional(),
  /** SMTP for invitation and reset mails: smtp://user:pass@host:587 or smtps://user:pass@host:465. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "an smtp:// or smtps:// URL")
    .optional(),
}).superRefine((env, ctx) => {
  mailSettingsComplete(env, ctx);
  if (env.NODE_ENV === "production" && !env.LOGIN_KEY_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["LOGIN_KEY_SECRET"],
      message: "required when NODE_ENV=production (at least 32 characters, e.g. `openssl rand -base64 32`)",
    });
  }
  if (env.NODE_ENV === "production" && (env.SMTP_URL || env.MAIL_API_URL) && !env.INVITATION_KEY_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["INVITATION_KEY_SECRET"],
      message:
        "required when NODE_ENV=production and mail is configured (at least 32 characters, e.g. `openssl rand -base64 32`)",
    });
  }
});

/** Every variable the Node entry reads (the worker's vars are a subset): README's Configuration table names each (a test checks). */
export const ENV_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

export type Env = z.infer<typeof EnvSchema> & { publicUrl: string; production: boolean };

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
  return {
    ...env,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    production: env.NODE_ENV === "production",
  };
}

export type AppVars = z.infer<typeof AppVarsSchema>;

/** The worker's vars (its bindings hold more, which this ignores). */
export function parseAppVars(source: object): AppVars {
  return parse(AppVarsSchema.superRefine(mailSettingsComplete), source);
}
