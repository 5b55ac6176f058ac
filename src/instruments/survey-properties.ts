/**
 * Custom SurveyJS properties that tie questions to the method. Registered once, both here
 * (server) and in the browser bundle, so SurveyJS keeps them when it parses an instrument.
 */
import { Serializer } from "survey-core";

let registered = false;

export function registerSurveyProperties(serializer: typeof Serializer = Serializer): void {
  if (registered) return;
  registered = true;
  serializer.addProperty("survey", { name: "instrumentId" });
  serializer.addProperty("survey", { name: "instrumentVersion:number" });
  serializer.addProperty("rating", { name: "level" });
  serializer.addProperty("rating", { name: "scale" });
  serializer.addProperty("rating", { name: "reverse:boolean", default: false });
  serializer.addProperty("rating", { name: "perspective" });
  // A narrower scale inside the item's level, e.g. "ownership"; the item counts into both.
  serializer.addProperty("rating", { name: "facet" });
  // false: a current-state level item kept out of its level's score (it counts in its facet only, if any).
  serializer.addProperty("rating", { name: "levelScore:boolean", default: true });
  // On a desired-state item: the name of the current-state item whose wording it repeats.
  serializer.addProperty("rating", { name: "mirrors" });
  // The one 0–10 overall item. ("Don't know" and "n/a" need no property: they are extra rate values, see instrument.ts.)
  serializer.addProperty("rating", { name: "outcome:boolean", default: false });
  serializer.addProperty("checkbox", { name: "decision" });
  serializer.addProperty("radiogroup", { name: "decision" });
  serializer.addProperty("selectbase", { name: "grouping" });
  serializer.addProperty("comment", { name: "freeText:boolean", default: false });
}
