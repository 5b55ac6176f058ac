/**
 * The one error type routes throw. `app.onError` renders every error once, as
 * `{ "error": { "code", "message", "details" } }`, so clients always get the same shape.
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface ErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(status, { message });
  }
}

/** Turns zod issues into details with a dotted path, e.g. `answers.mission_1`. */
export function issueDetails(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix?: string): ErrorDetail[] {
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== "").join("."),
    message: issue.message,
  }));
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);
