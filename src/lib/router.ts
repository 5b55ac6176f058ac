/**
 * Router factory: every resource gets an OpenAPIHono whose validation failures become
 * the same 400 error shape as everything else.
 */
import { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../app-env.js";
import { ApiError, issueDetails } from "./api-error.js";

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result) => {
      if (!result.success) {
        throw new ApiError(
          400,
          "invalid_request",
          "The request is not valid.",
          issueDetails(result.error.issues, result.target),
        );
      }
    },
  });
}
