/** The fields of a round as a consultant sets them, shared by creating a round and changing it. */
import { z } from "@hono/zod-openapi";

import { MIN_K } from "../domain/campaign.js";
import {
  MAX_DEPARTMENTS,
  MAX_HEADCOUNT,
  MAX_ROLES,
  MAX_TENURE_BANDS,
  MAX_UNIT_NAME,
  TRAILING_HEADCOUNT,
} from "../domain/units.js";
import { CalendarDate, lineOfText } from "../lib/schemas.js";

/** A unit's name: one line of text, not ending in what the round form reads as a headcount ("; 42"). */
const unitName = lineOfText(MAX_UNIT_NAME)
  .min(1)
  .refine((name) => !TRAILING_HEADCOUNT.test(name), "a unit name may not end in a semicolon or tab and a number");
/** A unit: its name, or its name with the number of staff in it (the basis of its response rate). */
const UnitEntry = z
  .union([
    unitName,
    z.strictObject({ name: unitName, headcount: z.int().min(1).max(MAX_HEADCOUNT).nullable().optional() }),
  ])
  .openapi("UnitEntry", { description: 'A unit\'s name, or { "name", "headcount" }' });
const nameOf = (entry: z.infer<typeof UnitEntry>) => (typeof entry === "string" ? entry : entry.name);
const unitList = (max: number) =>
  z
    .array(UnitEntry)
    .min(1)
    .max(max)
    .refine((list) => new Set(list.map(nameOf)).size === list.length, "unit names must be unique");

export const roundFields = {
  title: lineOfText(160).min(1),
  departments: unitList(MAX_DEPARTMENTS),
  roles: unitList(MAX_ROLES)
    .nullable()
    .openapi({ description: "The client's own roles; null (or absent) keeps the standard four" }),
  tenure: unitList(MAX_TENURE_BANDS)
    .nullable()
    .openapi({ description: "The client's own tenure bands (or another grouping); null keeps the standard four" }),
  k: z.int().min(MIN_K).max(100),
  kComments: z.int().min(MIN_K).max(100).openapi({ description: "Comments from this group size; default max(k, 10)" }),
  opensOn: CalendarDate.nullable(),
  closesOn: CalendarDate.nullable(),
  instrument: z.object({ id: z.string().min(1).max(64), version: z.int().min(1).optional() }).strict(),
  expectedHeadcount: z
    .int()
    .min(1)
    .max(MAX_HEADCOUNT)
    .nullable()
    .openapi({ description: "Staff invited: the basis of the response rate whenever it is set" }),
  requireCode: z.boolean(),
  thirdGrouping: z
    .strictObject({
      label: z.strictObject({ nl: lineOfText(40).min(1), en: lineOfText(40).min(1) }),
      question: z.strictObject({ nl: lineOfText(200).min(1), en: lineOfText(200).min(1) }),
    })
    .nullable()
    .openapi({
      description:
        "The client's own third grouping in place of tenure (a location, a shift): the name reports show and the question staff answer, both in nl and en; null keeps tenure",
    }),
  contact: lineOfText(200)
    .nullable()
    .openapi({ description: "Whom staff can ask about the round, shown on the survey page" }),
};
