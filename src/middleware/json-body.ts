/**
 * Guards for JSON request bodies, before any parsing: a size limit (hono's bodyLimit) and a
 * JSON content type. Both answer with the common error shape and touch nothing.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../lib/api-error.js";

export function jsonBody(maxBytes: number): MiddlewareHandler[] {
  return [
    async (c, next) => {
      const type = c.req.header("content-type") ?? "";
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        throw new ApiError(415, "unsupported_media_type", "Send the body as application/json.");
      }
      await next();
    },
    bodyLimit({
      maxSize: maxBytes,
      onError: () => {
        throw new ApiError(413, "body_too_large", `The body may be at most ${Math.round(maxBytes / 1024)} KB.`);
      },
    }),
  ];
}
