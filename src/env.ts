/** Environment of the Node entry and CLI (and the worker's vars), parsed once with zod so a bad value fails fast and clearly. */
import { z } from "zod";
import { DEFAULT_SUBMISSIONS_PER_HOUR } from "./services/respondent-limits.js";

/** Settings the worker reads from its vars (wrangler.toml) as the Node entry reads them from its environment. */
const AppVarsSchema = z.object({
  /** Stored submissions per client address per open-link round per hour; rounds on codes are not limited. */
  RESPONDENT_SUBMISSIONS_PER_HOUR: z.coerce.number().int().min(1).default(DEFAULT_SUBMISSIONS_PER_HOUR),
});

const EnvSchema = AppVarsSchema.extend({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().optional(),
  DATABASE_URL: z.string().min(1).default("file:data/app.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** For the embedded file: NORMAL (default; survives a process crash) or FULL (also a power loss). */
  DATABASE_SYNCHRONOUS: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
  /** How links are printed, e.g. https://survey.example.org; defaults to localhost and PORT. */
  PUBLIC_URL: z.url().optional(),
});

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
  return parse(AppVarsSchema, source);
}
