/**
 * Loads a SurveyJS instrument and checks it against the method: every rating item tagged with
 * a known level (or decision-climate scale), every factor choice a known factor, unique names.
 * A rating item is a 1–5 agreement item, optionally followed by "don't know" and/or "n/a" as
 * further rate values (`rateValues: [1, 2, 3, 4, 5, {"value": "dk", …}, {"value": "na", …}]`); one
 * item may be the 0–10 outcome (`outcome: true`). The result is plain data — the scoring key and one spec per answerable
 * question — so validation and scoring never touch SurveyJS at request time.
 */
import { Model, type Question } from "survey-core";

import { isClimateScale, isFactorId } from "../domain/factors.js";
import { isLevelId } from "../domain/levels.js";
import {
  DONT_KNOW,
  NOT_APPLICABLE,
  OUTCOME_MAX,
  OUTCOME_MIN,
  SCALE_MAX,
  SCALE_MIN,
  type ScoredItem,
  type ScoringKey,
} from "../domain/scoring.js";
import { type AskedDimension, isAskedDimension } from "../domain/units.js";
import { type InstrumentProblem, type ProblemCode, problemRule } from "./problems.js";
import { registerSurveyProperties } from "./survey-properties.js";

const MAX_COMMENT_LENGTH = 2000;

export type QuestionSpec =
  | {
      kind: "rating";
      name: string;
      required: boolean;
      min: number;
      max: number;
      /** The "don't know / n/a" value, where the item offers it. */ na?: typeof NOT_APPLICABLE;
      /** The "don't know" value, where the item offers it apart from "n/a". */ dk?: typeof DONT_KNOW;
    }
  | {
      kind: "single";
      name: string;
      required: boolean;
      choices: readonly string[] | { grouping: AskedDimension };
      subsetOf?: string;
    }
  | { kind: "multi"; name: string; required: boolean; choices: readonly string[] }
  | { kind: "text"; name: string; required: boolean; maxLength: number };

export interface Instrument {
  id: string;
  version: number;
  /** The SurveyJS JSON as served to the browser. */
  json: Record<string, unknown>;
  questions: readonly QuestionSpec[];
  key: ScoringKey;
  groupings: Partial<Record<AskedDimension, string>>;
  commentQuestion?: string;
}

/** One or more problems with an instrument; the message is the English of each, with its question. */
export class InstrumentError extends Error {
  readonly problems: InstrumentProblem[];
  /** The question of the first problem, if it is in one. */
  readonly item: string | undefined;
  constructor(problems: InstrumentProblem | InstrumentProblem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => (p.item ? `${problemRule(p, "en")} (item "${p.item}")` : problemRule(p, "en"))).join("; "));
    this.name = "InstrumentError";
    this.problems = list;
    this.item = list[0]?.item;
  }
}

/** A problem to throw: the check names it by code, the catalogue words it. */
const fail = (code: ProblemCode, item?: string, params?: InstrumentProblem["params"], path?: string) =>
  new InstrumentError({
    code,
    ...(item !== undefined ? { item } : {}),
    ...(params ? { params } : {}),
    ...(path ? { path } : {}),
  });

/** Runs a check; a problem it throws is collected instead, so every problem is found at once. */
function collect(problems: InstrumentProblem[], check: () => void): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof InstrumentError)) throw error;
    problems.push(...error.problems);
  }
}

const SINGLE = new Set(["radiogroup", "dropdown"]);

/** A facet id: short snake_case, as the release keys it ("facet:<id>"). */
const FACET = /^[a-z][a-z0-9_]{0,31}$/;

const isSet = (value: unknown) => value !== undefined && value !== null && value !== "";

/** The answers that are no answer to the score, in the order an item lists them after 1–5. */
const UNSCORED = [DONT_KNOW, NOT_APPLICABLE] as const;

/**
 * The rate values of an agreement item: 1–5 generated (rateMin/rateMax), or listed as exactly
 * 1, 2, 3, 4, 5, then optionally "don't know" and "n/a", each at most once and in that order.
 * Returns which of the two it offers.
 */
function agreementScale(q: Question, name: string): { na: boolean; dk: boolean } {
  const prop = (p: string): unknown => q.getPropertyValue(p);
  const listed = ((prop("rateValues") as { value: unknown }[] | undefined) ?? []).map((v) => v.value);
  const scale = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => SCALE_MIN + i);
  if (listed.length === 0) {
    if (prop("rateMin") === SCALE_MIN && prop("rateMax") === SCALE_MAX && (prop("rateStep") ?? 1) === 1)
      return { na: false, dk: false };
  } else if (scale.every((v, i) => listed[i] === v)) {
    const rest = listed.slice(scale.length);
    const offered = UNSCORED.filter((v) => rest.includes(v));
    if (rest.length === offered.length && rest.every((v, i) => v === offered[i]))
      return { na: rest.includes(NOT_APPLICABLE), dk: rest.includes(DONT_KNOW) };
  }
  throw fail("agreement_scale", name);
}

export function loadInstrument(json: Record<string, unknown>): Instrument {
  const { instrument, problems } = inspectInstrument(json);
  if (problems.length > 0) throw new InstrumentError(problems);
  return instrument;
}

/**
 * Every problem of an instrument at once, with what could be read of it: each question is checked
 * on its own, and one with a problem is left out (so a later check does not trip over it again).
 */
export function inspectInstrument(json: Record<string, unknown>): {
  instrument: Instrument;
  problems: InstrumentProblem[];
} {
  registerSurveyProperties();
  const problems: InstrumentProblem[] = [];
  const survey = new Model(json);
  const id = survey.getPropertyValue("instrumentId");
  const version = survey.getPropertyValue("instrumentVersion");
  if (typeof id !== "string" || !/^[a-z0-9-]{1,64}$/.test(id)) problems.push({ code: "instrument_id" });
  if (!Number.isInteger(version) || version < 1) problems.push({ code: "instrument_version" });
  let sawRating = false;

  const questions: QuestionSpec[] = [];
  const items: ScoredItem[] = [];
  const groupings: Partial<Record<AskedDimension, string>> = {};
  const key: { factorsQuestion?: string; mostQuestion?: string; outcomeQuestion?: string } = {};
  let commentQuestion: string | undefined;
  const seen = new Set<string>();

  for (const q of survey.getAllQuestions(false, false, true) as Question[]) {
    const type = q.getType();
    if (type === "rating") sawRating = true;
    if (type === "html" || type === "image" || type === "expression") continue;
    // Each question on its own: a problem in one is collected, and the next is checked still.
    collect(problems, () => {
      const name = q.name;
      if (!name) throw fail("name_missing");
      if (seen.has(name)) throw fail("name_duplicate", name);
      seen.add(name);
      const required = q.isRequired;
      const prop = (p: string): unknown => q.getPropertyValue(p);

      if (type === "rating" && prop("outcome") === true) {
        // The overall judgement, 0–10: the only rating on another scale than 1–5, and not part of any level.
        if (key.outcomeQuestion) throw fail("outcome_twice", name, { other: key.outcomeQuestion });
        if (
          ["level", "scale", "facet", "mirrors", "perspective"].some((p) => isSet(prop(p))) ||
          prop("reverse") === true ||
          prop("levelScore") === false
        ) {
          throw fail("outcome_tagged", name);
        }
        const listed = (prop("rateValues") as unknown[] | undefined) ?? [];
        if (
          listed.length > 0 ||
          prop("rateMin") !== OUTCOME_MIN ||
          prop("rateMax") !== OUTCOME_MAX ||
          (prop("rateStep") ?? 1) !== 1
        ) {
          throw fail("outcome_scale", name);
        }
        key.outcomeQuestion = name;
        questions.push({ kind: "rating", name, required, min: OUTCOME_MIN, max: OUTCOME_MAX });
      } else if (type === "rating") {
        const level = prop("level");
        const scale = prop("scale");
        if (isLevelId(level) === isClimateScale(scale)) {
          throw fail("rating_level", name);
        }
        const { na, dk } = agreementScale(q, name);
        const perspective = prop("perspective");
        if (
          perspective !== undefined &&
          perspective !== null &&
          perspective !== "current" &&
          perspective !== "desired"
        ) {
          throw fail("perspective", name);
        }
        if (perspective === "desired" && !isLevelId(level)) throw fail("desired_level", name);
        const facet = prop("facet");
        if (isSet(facet)) {
          if (typeof facet !== "string" || !FACET.test(facet)) throw fail("facet_id", name);
          if (!isLevelId(level) || perspective === "desired") throw fail("facet_level", name);
        }
        const mirrors = prop("mirrors");
        if (isSet(mirrors) && (perspective !== "desired" || typeof mirrors !== "string")) {
          throw fail("mirrors_not_desired", name);
        }
        // Kept out of its level's score: only a current-state item of a level can be.
        const outsideLevel = prop("levelScore") === false;
        if (outsideLevel && (!isLevelId(level) || perspective === "desired")) throw fail("level_score", name);
        questions.push({
          kind: "rating",
          name,
          required,
          min: SCALE_MIN,
          max: SCALE_MAX,
          ...(na ? { na: NOT_APPLICABLE } : {}),
          ...(dk ? { dk: DONT_KNOW } : {}),
        });
        items.push({
          name,
          reverse: prop("reverse") === true,
          ...(isLevelId(level) ? { level } : { scale: scale as never }),
          ...(perspective === "desired" ? { perspective } : {}),
          ...(isSet(facet) ? { facet: facet as string } : {}),
          ...(isSet(mirrors) ? { mirrors: mirrors as string } : {}),
          ...(na ? { na } : {}),
          ...(dk ? { dk } : {}),
          ...(outsideLevel ? { levelScore: false as const } : {}),
        });
      } else if (type === "checkbox" || SINGLE.has(type)) {
        const values = ((q as unknown as { choices: { value: unknown }[] }).choices ?? []).map((c) => String(c.value));
        const grouping = prop("grouping");
        const decision = prop("decision");
        if (grouping !== undefined && grouping !== null && grouping !== "") {
          if (!isAskedDimension(grouping) || type === "checkbox") throw fail("grouping", name);
          if (groupings[grouping]) throw fail("grouping_twice", name, { grouping });
          groupings[grouping] = name;
          questions.push({ kind: "single", name, required, choices: { grouping } });
          return;
        }
        if (decision === "factors" || decision === "most") {
          const unknown = values.find((v) => !isFactorId(v));
          if (unknown) throw fail("factor_unknown", name, { factor: unknown });
        }
        if (decision === "factors") {
          if (type !== "checkbox") throw fail("factors_checkbox", name);
          if (values.length === 0) throw fail("factors_choices", name);
          key.factorsQuestion = name;
        }
        const source = prop("choicesFromQuestion");
        if (type === "checkbox") {
          questions.push({ kind: "multi", name, required, choices: values });
        } else if (typeof source === "string" && source !== "") {
          // Choices copied from another question at run time: the answer must be one of that question's answers.
          if (prop("choicesFromQuestionMode") !== "selected") throw fail("choices_from_mode", name);
          if (!questions.some((s) => s.name === source && s.kind === "multi")) throw fail("choices_from_source", name);
          const sourceSpec = questions.find((s) => s.name === source) as { choices: readonly string[] };
          questions.push({ kind: "single", name, required, choices: sourceSpec.choices, subsetOf: source });
        } else {
          if (values.length === 0) throw fail("choices_missing", name);
          questions.push({ kind: "single", name, required, choices: values });
        }
        if (decision === "most") {
          if (!key.factorsQuestion) throw fail("most_order", name);
          key.mostQuestion = name;
        }
      } else if (type === "comment" || type === "text") {
        const declared = Number(prop("maxLength"));
        const maxLength = declared > 0 ? Math.min(declared, MAX_COMMENT_LENGTH) : MAX_COMMENT_LENGTH;
        questions.push({ kind: "text", name, required, maxLength });
        if (prop("freeText") === true) commentQuestion = name;
      } else {
        throw fail("type_unsupported", name, { type });
      }
    });
  }
  if (items.length === 0 && !sawRating) problems.push({ code: "no_items" });
  problems.push(...mirrorProblems(items));

  const instrument: Instrument = {
    id,
    version,
    json,
    questions,
    key: { items, ...key },
    groupings,
    ...(commentQuestion ? { commentQuestion } : {}),
  };
  return { instrument, problems };
}

/**
 * A desired item's `mirrors` must name a current-state item of the same level that counts in the
 * level's score, keyed the same way (its gap to the current state is then read on one item's
 * wording), and no two desired items mirror the same one.
 */
function mirrorProblems(items: readonly ScoredItem[]): InstrumentProblem[] {
  const problems: InstrumentProblem[] = [];
  const mirrored = new Set<string>();
  for (const item of items) {
    const target = item.mirrors;
    if (!target) continue;
    collect(problems, () => {
      const current = items.find((i) => i.name === target);
      if (
        !current ||
        current.perspective === "desired" ||
        current.level !== item.level ||
        current.levelScore === false
      ) {
        throw fail("mirrors_target", item.name, { target });
      }
      if (current.reverse !== item.reverse) throw fail("mirrors_keyed", item.name, { target });
      if (mirrored.has(current.name)) throw fail("mirrors_twice", item.name, { target: current.name });
      mirrored.add(current.name);
    });
  }
  return problems;
}
