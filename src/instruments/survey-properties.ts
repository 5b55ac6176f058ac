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
  serializer.addProperty("checkbox", { name: "decision" });
  serializer.addProperty("radiogroup", { name: "decision" });
  serializer.addProperty("selectbase", { name: "grouping" });
  serializer.addProperty("comment", { name: "freeText:boolean", default: false });
}
