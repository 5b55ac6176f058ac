/**
 * Forgotten passwords: ask for a link (always 202, the same body, and the work done after the
 * answer, so nothing tells whether an account exists), then set a new password through it.
 */
import { createRoute, z } from "@hono/zod-openapi";

import { errorFields } from "../lib/log.js";
import { noSession } from "../lib/openapi-document.js";
import { createRouter } from "../lib/router.js";
import { jsonBodyOf, jsonContent, jsonError, pathParam } from "../lib/schemas.js";
import { jsonBody } from "../middleware/json-body.js";
import { requestPasswordReset, resetPassword } from "../services/password-reset.js";

const ResetRequest = z.object({ email: z.string().trim().min(3).max(254) }).strict();
const NewPassword = z.object({ password: z.string().min(1).max(1024) }).strict();
const TokenParam = z.object({
  token: pathParam("token", 256),
});

const RESET_ACCEPTED = {
  message:
    "If an account exists for this address, an e-mail with a link to set a new password is on its way. The link works once, for one hour.",
};

export const passwordResetRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      operationId: "requestPasswordReset",
      security: noSession,
      path: "/api/auth/password-reset",
      tags: ["Auth"],
      summary: "Mail a single-use link to set a new password (the answer is the same for every address)",
      middleware: jsonBody(4 * 1024),
      request: { body: jsonBodyOf(ResetRequest) },
      responses: { 202: jsonContent(z.strictObject({ message: z.string() }), "Accepted"), 400: jsonError("Invalid") },
    }),
    async (c) => {
      const { deps } = c.var;
      const work = requestPasswordReset(
        deps,
        c.req.valid("json").email,
        deps.publicUrl ?? new URL(c.req.url).origin,
      ).catch((error: unknown) => c.var.log.warn("password-reset mail not sent", errorFields(error, false)));
      // After the answer: on Workers the isolate is kept for it; on Node the promise simply runs on.
      try {
        c.executionCtx.waitUntil(work);
      } catch {
        // No execution context outside Workers.
      }
      return c.json(RESET_ACCEPTED, 202);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      operationId: "resetPassword",
      security: noSession,
      path: "/api/auth/password-reset/{token}",
      tags: ["Auth"],
      summary: "Set a new password through a reset link; every session of the account ends",
      middleware: jsonBody(4 * 1024),
      request: { params: TokenParam, body: jsonBodyOf(NewPassword) },
      responses: {
        204: { description: "Password set; log in with it" },
        400: jsonError("Too weak"),
        404: jsonError("Used, expired or unknown link"),
      },
    }),
    async (c) => {
      await resetPassword(c.var.deps, c.req.valid("param").token, c.req.valid("json").password);
      return c.body(null, 204);
    },
  );
