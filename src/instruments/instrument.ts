/**
 * Loads a SurveyJS instrument and checks it against the method: every rating item tagged with
 * a known level (or decision-climate scale), every factor choice a known factor, unique names.
 * A rating item is a 1–5 agreement item, optionally with "don't know / n/a" as a sixth rate value
 * (`rateValues: [1, 2, 3, 4, 5, {"value": "na", …}]`); one item may be the 0–10 outcome
 * (`outcome: true`). The result is plain data — the scoring key and one spec per answerable
 * question — so validation and scoring never touch SurveyJS at request time.
 */
import { Model, type Question } from "survey-core";
import { isClimateScale, isFactorId } from "../domain/factors.js";
import { isLevelId } from "../domain/levels.js";
import { NOT_APPLICABLE, OUTCOME_MAX, OUTCOME_MIN, SCALE_MAX, SCALE_MIN, type ScoredItem, type ScoringKey } from "../domain/scoring.js";
import { isDimension, type Dimension } from "../domain/units.js";
import { registerSurveyProperties } from "./survey-properties.js";

export const MAX_COMMENT_LENGTH = 2000;

export type QuestionSpec =
  | { kind: "rating"; name: string; required: boolean; min: number; max: number; /** The "don't know / n/a" value, where the item offers it. */ na?: typeof NOT_APPLICABLE }
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

/** A facet id: short snake_case, as the release keys it ("facet:<id>"). */
const FACET = /^[a-z][a-z0-9_]{0,31}$/;

const isSet = (value: unknown) => value !== undefined && value !== null && value !== "";

/**
 * The rate values of an agreement item: 1–5 generated (rateMin/rateMax), or listed as exactly
 * 1, 2, 3, 4, 5 with "n/a" as an optional last value. Returns whether it offers "n/a".
 */
function agreementScale(q: Question, name: string): { na: boolean } {
  const prop = (p: string): unknown => q.getPropertyValue(p);
  const listed = ((prop("rateValues") as { value: unknown }[] | undefined) ?? []).map((v) => v.value);
  const scale = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => SCALE_MIN + i);
  if (listed.length === 0) {
    if (prop("rateMin") === SCALE_MIN && prop("rateMax") === SCALE_MAX && (prop("rateStep") ?? 1) === 1) return { na: false };
  } else if (scale.every((v, i) => listed[i] === v)) {
    if (listed.length === scale.length) return { na: false };
    if (listed.length === scale.length + 1 && listed[scale.length] === NOT_APPLICABLE) return { na: true };
  }
  throw new InstrumentError(
    `rating items use the ${SCALE_MIN}–${SCALE_MAX} agreement scale, optionally followed by the "don't know / not applicable" value "${NOT_APPLICABLE}" (rateValues [1, 2, 3, 4, 5, {"value": "${NOT_APPLICABLE}"}])`,
    name,
  );
}

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
  const key: { factorsQuestion?: string; mostQuestion?: string; outcomeQuestion?: string } = {};
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

    if (type === "rating" && prop("outcome") === true) {
      // The overall judgement, 0–10: the only rating on another scale than 1–5, and not part of any level.
      if (key.outcomeQuestion) throw new InstrumentError(`an instrument has one outcome item at most ("${key.outcomeQuestion}" is one)`, name);
      if (["level", "scale", "facet", "mirrors", "perspective"].some((p) => isSet(prop(p))) || prop("reverse") === true) {
        throw new InstrumentError("the outcome item belongs to no level, scale or facet and is not reverse-keyed", name);
      }
      const listed = (prop("rateValues") as unknown[] | undefined) ?? [];
      if (listed.length > 0 || prop("rateMin") !== OUTCOME_MIN || prop("rateMax") !== OUTCOME_MAX || (prop("rateStep") ?? 1) !== 1) {
        throw new InstrumentError(`the outcome item is rated ${OUTCOME_MIN}–${OUTCOME_MAX} (rateMin ${OUTCOME_MIN}, rateMax ${OUTCOME_MAX}, no rateValues)`, name);
      }
      key.outcomeQuestion = name;
      questions.push({ kind: "rating", name, required, min: OUTCOME_MIN, max: OUTCOME_MAX });
    } else if (type === "rating") {
      const level = prop("level");
      const scale = prop("scale");
      if (isLevelId(level) === isClimateScale(scale)) {
        throw new InstrumentError("a rating item needs exactly one known level (or decision-climate scale)", name);
      }
      const { na } = agreementScale(q, name);
      const perspective = prop("perspective");
      if (perspective !== undefined && perspective !== null && perspective !== "current" && perspective !== "desired") {
        throw new InstrumentError('perspective must be "current" or "desired"', name);
      }
      if (perspective === "desired" && !isLevelId(level)) throw new InstrumentError("a desired-state item needs a level", name);
      const facet = prop("facet");
      if (isSet(facet)) {
        if (typeof facet !== "string" || !FACET.test(facet)) throw new InstrumentError("a facet is a short snake_case id", name);
        if (!isLevelId(level) || perspective === "desired") throw new InstrumentError("a facet narrows a level: only current-state level items have one", name);
      }
      const mirrors = prop("mirrors");
      if (isSet(mirrors) && (perspective !== "desired" || typeof mirrors !== "string")) {
        throw new InstrumentError("only a desired-state item mirrors a current-state item (by its name)", name);
      }
      questions.push({ kind: "rating", name, required, min: SCALE_MIN, max: SCALE_MAX, ...(na ? { na: NOT_APPLICABLE } : {}) });
      items.push({
        name,
        reverse: prop("reverse") === true,
        ...(isLevelId(level) ? { level } : { scale: scale as never }),
        ...(perspective === "desired" ? { perspective } : {}),
        ...(isSet(facet) ? { facet: facet as string } : {}),
        ...(isSet(mirrors) ? { mirrors: mirrors as string } : {}),
        ...(na ? { na } : {}),
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
  checkMirrors(items);

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

/**
 * A desired item's `mirrors` must name a current-state item of the same level, keyed the same
 * way (its gap to the current state is then read on one item's wording), and no two desired
 * items mirror the same one.
 */
function checkMirrors(items: readonly ScoredItem[]): void {
  const mirrored = new Set<string>();
  for (const item of items) {
    if (!item.mirrors) continue;
    const current = items.find((i) => i.name === item.mirrors);
    if (!current || current.perspective === "desired" || current.level !== item.level) {
      throw new InstrumentError(`mirrors must name a current-state item of the same level; "${item.mirrors}" is none`, item.name);
    }
    if (current.reverse !== item.reverse) throw new InstrumentError(`a desired item is keyed like the item it mirrors ("${item.mirrors}")`, item.name);
    if (mirrored.has(current.name)) throw new InstrumentError(`"${current.name}" is mirrored twice`, item.name);
    mirrored.add(current.name);
  }
}
