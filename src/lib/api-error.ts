/**
 * The one error type routes throw. `app.onError` renders every error once, as
 * `{ "error": { "code", "message", "details" } }`, so clients always get the same shape.
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

import type { ErrorCode } from "./error-codes.js";

export interface ErrorDetail {
  path: string;
  message: string;
  /** What kind of problem, where a route names it (e.g. an instrument's). */
  code?: string;
  /** The message in every language, where a route says it in plain words (e.g. an instrument's problems). */
  text?: { nl: string; en: string };
}

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Headers the answer carries besides the error body, e.g. Retry-After. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(status, { message });
  }
}

/**
 * Turns zod issues into details with a dotted path, e.g. `answers.mission_1`; a custom issue that
 * names its kind (`params.code`, e.g. a round rule) keeps it as the detail's `code`.
 */
export function issueDetails(
  issues: readonly { path: readonly PropertyKey[]; message: string; params?: unknown }[],
  prefix?: string,
): ErrorDetail[] {
  return issues.map((issue) => {
    const code = (issue.params as { code?: unknown } | undefined)?.code;
    return {
      path: [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== "").join("."),
      message: issue.message,
      ...(typeof code === "string" ? { code } : {}),
    };
  });
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);

/**
 * 429 with the seconds until the next attempt can succeed, as a `Retry-After` header and as the
 * detail `retryAfter`; the message says it in minutes.
 */
export function tooManyRequests(
  code: Extract<ErrorCode, "too_many_attempts" | "too_many_requests">,
  message: string,
  retryAfterSeconds: number,
): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const minutes = Math.ceil(seconds / 60);
  return new ApiError(
    429,
    code,
    `${message} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    [{ path: "retryAfter", message: String(seconds) }],
    {
      "Retry-After": String(seconds),
    },
  );
}
