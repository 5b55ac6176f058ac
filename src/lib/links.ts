import type { Context } from "hono";

import type { AppEnv } from "../app-env.js";

/** The public survey link of a campaign. */
export function surveyUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/s/${encodeURIComponent(token)}`;
}

/** Where links the app hands out start: PUBLIC_URL when set, else the origin the request came to. */
export const publicBase = (c: Context<AppEnv>): string => c.var.deps.publicUrl ?? new URL(c.req.url).origin;
