/** The fields of a round as a consultant sets them, shared by creating a round and changing it. */
import { z } from "@hono/zod-openapi";

import { MIN_K } from "../domain/campaign.js";
import {
  LOCATION_SEPARATOR,
  MAX_DEPARTMENTS,
  MAX_HEADCOUNT,
  MAX_LOCATIONS,
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
const headcount = z.int().min(1).max(MAX_HEADCOUNT).nullable().optional();
/** A unit: its name, or its name with the number of staff in it (the basis of its response rate). */
const UnitEntry = z
  .union([unitName, z.strictObject({ name: unitName, headcount })])
  .openapi("UnitEntry", { description: 'A unit\'s name, or { "name", "headcount" }' });
/** A department's or location's name: the round form reads what stands before a ">" as the location. */
const placeName = unitName.refine(
  (name) => !name.includes(LOCATION_SEPARATOR.trim()),
  `a department or location name may not contain "${LOCATION_SEPARATOR.trim()}"`,
);
/** A department: its name, or its name with its headcount and the location it lies in. */
const DepartmentEntry = z
  .union([placeName, z.strictObject({ name: placeName, headcount, location: placeName.nullable().optional() })])
  .openapi("DepartmentEntry", {
    description: 'A department\'s name, or { "name", "headcount", "location" }: departments may nest in locations',
  });
const nameOf = (entry: string | { name: string }) => (typeof entry === "string" ? entry : entry.name);
const unique = (list: readonly (string | { name: string })[]) => new Set(list.map(nameOf)).size === list.length;
const unitList = (max: number) => z.array(UnitEntry).min(1).max(max).refine(unique, "unit names must be unique");
const locationOf = (entry: z.infer<typeof DepartmentEntry>) => (typeof entry === "string" ? null : entry.location);

export const roundFields = {
  title: lineOfText(160).min(1),
  departments: z
    .array(DepartmentEntry)
    .min(1)
    .max(MAX_DEPARTMENTS)
    .refine(
      unique,
      'department names must be unique: the same department in two locations needs a name each, e.g. "Keuken (Utrecht)"',
    )
    .refine(
      (list) => list.every((d) => !locationOf(d)) || list.every((d) => locationOf(d)),
      "when one department names a location, every department needs one",
    )
    .refine(
      (list) => new Set(list.map(locationOf).filter(Boolean)).size <= MAX_LOCATIONS,
      `at most ${MAX_LOCATIONS} locations`,
    ),
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
