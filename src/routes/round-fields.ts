/** The fields of a round as a consultant sets them, shared by creating a round and changing it. */
import { z } from "@hono/zod-openapi";

import { MIN_K } from "../domain/campaign.js";
import { MAX_DEPARTMENTS } from "../domain/units.js";
import { CalendarDate, lineOfText } from "../lib/schemas.js";

export const roundFields = {
  title: lineOfText(160).min(1),
  departments: z
    .array(z.string().trim().min(1).max(80))
    .min(1)
    .max(MAX_DEPARTMENTS)
    .refine((d) => new Set(d).size === d.length, "department names must be unique"),
  k: z.int().min(MIN_K).max(100),
  kComments: z.int().min(MIN_K).max(100).openapi({ description: "Comments from this group size; default max(k, 10)" }),
  opensOn: CalendarDate.nullable(),
  closesOn: CalendarDate.nullable(),
  instrument: z.object({ id: z.string().min(1).max(64), version: z.int().min(1).optional() }).strict(),
  expectedHeadcount: z
    .int()
    .min(1)
    .max(1_000_000)
    .nullable()
    .openapi({ description: "Staff invited: the basis of the response rate whenever it is set" }),
  requireCode: z.boolean(),
  contact: lineOfText(200)
    .nullable()
    .openapi({ description: "Whom staff can ask about the round, shown on the survey page" }),
};
