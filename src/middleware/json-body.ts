/**
 * Guards for JSON request bodies, before any parsing: a JSON content type, a size limit (hono's
 * bodyLimit) and valid UTF-8 — JSON text must be UTF-8, and a lenient decoder would quietly
 * turn broken bytes into U+FFFD and store them. All answer with the common error shape and touch nothing.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

import { ApiError } from "../lib/api-error.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function jsonBody(maxBytes: number): MiddlewareHandler[] {
  const tooLarge = () => {
    throw new ApiError(413, "body_too_large", `The body may be at most ${Math.round(maxBytes / 1024)} KB.`);
  };
  const streamedLimit = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return [
    async (c, next) => {
      const type = c.req.header("content-type") ?? "";
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        throw new ApiError(415, "unsupported_media_type", "Send the body as application/json.");
      }
      await next();
    },
    async (c, next) => {
      // With a declared length (the runtime holds the body to it), the header alone decides, and
      // the body is later read straight from the connection; a body of unknown length is counted
      // as it streams in by hono's bodyLimit.
      const declared = c.req.header("content-length");
      if (declared === undefined || c.req.header("transfer-encoding") !== undefined) return streamedLimit(c, next);
      if (Number(declared) > maxBytes) tooLarge();
      await next();
    },
    async (c, next) => {
      const bytes = await c.req.arrayBuffer();
      let text: string;
      try {
        text = strictUtf8.decode(bytes);
      } catch {
        throw new ApiError(400, "invalid_encoding", "The body is not valid UTF-8.");
      }
      // Decoded once, here: hono's validator parses this text from its body cache instead of
      // decoding the bytes again through a new Response.
      // (hono types the cache entry as the value, but stores and awaits a promise.)
      c.req.bodyCache.text = Promise.resolve(text) as never;
      await next();
    },
  ];
}
