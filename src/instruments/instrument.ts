/**
 * Loads a SurveyJS instrument and checks it against the method: every rating item tagged with
 * a known level (or decision-climate scale), every factor choice a known factor, unique names.
 * The result is plain data — the scoring key and one spec per answerable question — so
 * validation and scoring never touch SurveyJS at request time.
 */
import { Model, type Question } from "survey-core";
import { isClimateScale, isFactorId } from "../domain/factors.js";
import { isLevelId } from "../domain/levels.js";
import { SCALE_MAX, SCALE_MIN, type ScoredItem, type ScoringKey } from "../domain/scoring.js";
import { isDimension, type Dimension } from "../domain/units.js";
import { registerSurveyProperties } from "./survey-properties.js";

export const MAX_COMMENT_LENGTH = 2000;

export type QuestionSpec =
  | { kind: "rating"; name: string; required: boolean; min: number; max: number }
  | { kind: "single"; name: string; required: boolean; choices: readonly string[] | { grouping: Dimension }; subsetOf?: string }
  | { kind: "multi"; name: string; required: boolean; choices: readonly string[] }
  | { kind: "text"; name: string; required: boolean; maxLength: number };

export interface Instrument {
  id: string;
  version: number;
  /** The SurveyJS JSON as served to the browser. */
  json: Record<string, unknown>;
  questions: readonly QuestionSpec[];
  key: ScoringKey;
  groupings: Partial<Record<Dimension, string>>;
  commentQuestion?: string;
}

export class InstrumentError extends Error {
  constructor(
    message: string,
    readonly item?: string,
  ) {
    super(item ? `${message} (item "${item}")` : message);
    this.name = "InstrumentError";
  }
}

const SINGLE = new Set(["radiogroup", "dropdown"]);

export function loadInstrument(json: Record<string, unknown>): Instrument {
  registerSurveyProperties();
  const survey = new Model(json);
  const id = survey.getPropertyValue("instrumentId");
  const version = survey.getPropertyValue("instrumentVersion");
  if (typeof id !== "string" || !/^[a-z0-9-]{1,64}$/.test(id)) throw new InstrumentError("instrumentId must be a short kebab-case id");
  if (!Number.isInteger(version) || version < 1) throw new InstrumentError("instrumentVersion must be a positive integer");

  const questions: QuestionSpec[] = [];
  const items: ScoredItem[] = [];
  const groupings: Partial<Record<Dimension, string>> = {};
  const key: { factorsQuestion?: string; mostQuestion?: string } = {};
  let commentQuestion: string | undefined;
  const seen = new Set<string>();

  for (const q of survey.getAllQuestions(false, false, true) as Question[]) {
    const type = q.getType();
    if (type === "html" || type === "image" || type === "expression") continue;
    const name = q.name;
    if (!name || seen.has(name)) throw new InstrumentError("question names must be present and unique", name);
    seen.add(name);
    const required = q.isRequired;
    const prop = (p: string): unknown => q.getPropertyValue(p);

    if (type === "rating") {
      const level = prop("level");
      const scale = prop("scale");
      if (isLevelId(level) === isClimateScale(scale)) {
        throw new InstrumentError("a rating item needs exactly one known level (or decision-climate scale)", name);
      }
      if (prop("rateMin") !== SCALE_MIN || prop("rateMax") !== SCALE_MAX || (prop("rateValues") as unknown[]).length > 0) {
        throw new InstrumentError(`rating items use the ${SCALE_MIN}–${SCALE_MAX} agreement scale`, name);
      }
      const perspective = prop("perspective");
      if (perspective !== undefined && perspective !== null && perspective !== "current" && perspective !== "desired") {
        throw new InstrumentError('perspective must be "current" or "desired"', name);
      }
      if (perspective === "desired" && !isLevelId(level)) throw new InstrumentError("a desired-state item needs a level", name);
      questions.push({ kind: "rating", name, required, min: SCALE_MIN, max: SCALE_MAX });
      items.push({
        name,
        reverse: prop("reverse") === true,
        ...(isLevelId(level) ? { level } : { scale: scale as never }),
        ...(perspective === "desired" ? { perspective } : {}),
      });
    } else if (type === "checkbox" || SINGLE.has(type)) {
      const values = ((q as unknown as { choices: { value: unknown }[] }).choices ?? []).map((c) => String(c.value));
      const grouping = prop("grouping");
      const decision = prop("decision");
      if (grouping !== undefined && grouping !== null && grouping !== "") {
        if (!isDimension(grouping) || type === "checkbox") throw new InstrumentError("grouping must be department, role or tenure on a single-choice question", name);
        if (groupings[grouping]) throw new InstrumentError(`two questions ask for ${grouping}`, name);
        groupings[grouping] = name;
        questions.push({ kind: "single", name, required, choices: { grouping } });
        continue;
      }
      if (decision === "factors" || decision === "most") {
        const unknown = values.find((v) => !isFactorId(v));
        if (unknown) throw new InstrumentError(`unknown decision factor "${unknown}"`, name);
      }
      if (decision === "factors") {
        if (type !== "checkbox") throw new InstrumentError("the decision factors question must be a checkbox", name);
        if (values.length === 0) throw new InstrumentError("the decision factors question needs choices", name);
        key.factorsQuestion = name;
      }
      const source = prop("choicesFromQuestion");
      if (type === "checkbox") {
        questions.push({ kind: "multi", name, required, choices: values });
      } else if (typeof source === "string" && source !== "") {
        // Choices copied from another question at run time: the answer must be one of that question's answers.
        if (prop("choicesFromQuestionMode") !== "selected") throw new InstrumentError("choicesFromQuestion is supported with mode 'selected' only", name);
        if (!questions.some((s) => s.name === source && s.kind === "multi")) throw new InstrumentError(`choicesFromQuestion must name an earlier checkbox`, name);
        const sourceSpec = questions.find((s) => s.name === source) as { choices: readonly string[] };
        questions.push({ kind: "single", name, required, choices: sourceSpec.choices, subsetOf: source });
      } else {
        if (values.length === 0) throw new InstrumentError("a choice question needs choices", name);
        questions.push({ kind: "single", name, required, choices: values });
      }
      if (decision === "most") {
        if (!key.factorsQuestion) throw new InstrumentError("the 'most' question must follow the decision factors question", name);
        key.mostQuestion = name;
      }
    } else if (type === "comment" || type === "text") {
      const declared = Number(prop("maxLength"));
      const maxLength = declared > 0 ? Math.min(declared, MAX_COMMENT_LENGTH) : MAX_COMMENT_LENGTH;
      questions.push({ kind: "text", name, required, maxLength });
      if (prop("freeText") === true) commentQuestion = name;
    } else {
      throw new InstrumentError(`question type "${type}" is not supported`, name);
    }
  }
  if (items.length === 0) throw new InstrumentError("the instrument has no rating items");

  return {
    id,
    version,
    json,
    questions,
    key: { items, ...key },
    groupings,
    ...(commentQuestion ? { commentQuestion } : {}),
  };
}
