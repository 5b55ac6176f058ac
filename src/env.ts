/** Environment of the Node entry and CLI, parsed once with zod so a bad value fails fast and clearly. */
import { z } from "zod";

const EnvSchema = z.object({
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

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return { ...env, publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "") };
}
