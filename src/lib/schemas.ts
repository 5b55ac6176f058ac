/** OpenAPI schemas shared by several routes. */
import { z } from "@hono/zod-openapi";

import { LEVEL_IDS } from "../domain/levels.js";
import { ERROR_CODE_LIST } from "./error-codes.js";

/** One of the seven levels (domain/levels.ts). */
export const LevelId = z.enum(LEVEL_IDS).openapi("LevelId");
/** A text in both languages. */
export const Localised = z.strictObject({ nl: z.string(), en: z.string() }).openapi("Localised");
/** A unit of a round's dimension: the value answers carry, and its name. */
export const UnitSchema = z
  .strictObject({
    value: z.string(),
    label: Localised,
    headcount: z.int().optional(),
    location: z.string().optional().openapi({ description: "A department's location, where the round has locations" }),
  })
  .openapi("Unit");

const ErrorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z
        .enum(ERROR_CODE_LIST)
        .openapi({ description: "One of a closed list (src/lib/error-codes.ts), each with its statuses" }),
      message: z.string(),
      details: z.array(
        z.strictObject({
          path: z.string(),
          message: z.string(),
          code: z.string().optional(),
          text: z
            .strictObject({ nl: z.string(), en: z.string() })
            .optional()
            .openapi({ description: "The message in Dutch and English, where it is said in plain words" }),
        }),
      ),
    }),
  })
  .openapi("Error");
/** An error answer's body: what the pages read a refusal from (public/js/lib/errors.ts). */
export type ErrorBody = z.infer<typeof ErrorSchema>;

/**
 * True when A and B are the same type, optional fields included: `const _x: SameType<A, B> = true`
 * fails to compile when a schema and the type the code builds drift apart.
 */
export type SameType<A, B> =
  (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
/** A type with intersections merged, deeply, so that `{ a } & { b }` and `{ a; b }` compare equal. */
type Flat<T> = T extends (infer E)[] ? Flat<E>[] : T extends object ? { [K in keyof T]: Flat<T[K]> } : T;

/**
 * A named (component) schema, or null. `.nullable()` on a named schema would carry its name along
 * and, met first, turn the component itself nullable wherever it is used; a union keeps the
 * component as it is and says `oneOf: [component, null]` where null is allowed.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);

export const jsonError = (description: string) => ({
  content: { "application/json": { schema: ErrorSchema } },
  description,
});

export const jsonBodyOf = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/** A path parameter: a non-empty string of at most `max` characters, named in the document. */
export const pathParam = (name: string, max = 64) =>
  z
    .string()
    .min(1)
    .max(max)
    .openapi({ param: { name, in: "path" } });

export const IdParam = z.object({
  id: pathParam("id"),
});

export const UserSchema = z
  .strictObject({ id: z.string(), email: z.string(), role: z.enum(["consultant", "manager"]) })
  .openapi("User");

/**
 * A line of text people type (a title, a name, an owner): trimmed, and without control characters
 * or direction overrides, which would make what is stored differ from what any page shows.
 */
export const lineOfText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u, "text without control characters or direction overrides");

export const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");
