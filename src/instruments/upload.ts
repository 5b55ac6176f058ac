/**
 * Extra rules for instruments that consultants upload, on top of the method's rules in
 * loadInstrument: every text readable in Dutch and English (or given one default text), and no
 * markup that could run or fetch anything. SurveyJS shows titles and choices as text; only an
 * `html` question renders markup, and there an allowlist of bare formatting tags is accepted.
 */
import { inspectInstrument, type Instrument, InstrumentError } from "./instrument.js";
import type { InstrumentProblem, ProblemCode } from "./problems.js";

/** SurveyJS properties that hold text shown to respondents. */
const TEXT_KEYS = new Set([
  "title",
  "description",
  "text",
  "minRateDescription",
  "maxRateDescription",
  "placeholder",
  "completeText",
  "pagePrevText",
  "pageNextText",
  "startSurveyText",
  "requiredErrorText",
  "otherText",
  "otherPlaceholder",
  "noneText",
  "selectAllText",
  "labelTrue",
  "labelFalse",
]);

/** Question types that fetch content from elsewhere or collect more than answers. */
const REFUSED_TYPES = new Set(["image", "imagepicker", "signaturepad", "file"]);

/** Formatting tags without attributes: nothing here can run a script or load a resource. */
const SAFE_TAG = /^<\/?(p|br|strong|em|b|i|u|ul|ol|li|h3|h4)\s*\/?>$/i;

const MAX_DEPTH = 12;

/** Where a text is: the question it belongs to (if any), the property, and the JSON path. */
interface Place {
  item: string | undefined;
  field: string;
  path: string;
}

const at = (place: Place, code: ProblemCode, params: Record<string, string> = {}): InstrumentProblem => ({
  code,
  ...(place.item !== undefined ? { item: place.item } : {}),
  path: place.path,
  params: { field: place.field, ...params },
});

function textProblems(value: unknown, place: Place): InstrumentProblem[] {
  if (typeof value === "string") return []; // one text for every language
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [at(place, "text_shape")];
  const texts = value as Record<string, unknown>;
  if (Object.values(texts).some((t) => typeof t !== "string")) return [at(place, "text_only")];
  if (typeof texts.default !== "string" && (typeof texts.nl !== "string" || typeof texts.en !== "string"))
    return [at(place, "text_languages")];
  return [];
}

function markupProblems(value: unknown, place: Place): InstrumentProblem[] {
  const shape = textProblems(value, place);
  if (shape.length > 0) return shape;
  const texts = typeof value === "string" ? [value] : Object.values(value as Record<string, string>);
  for (const text of texts) {
    const unsafe = (text.match(/<[^>]*>?/g) ?? []).find((tag) => !SAFE_TAG.test(tag));
    if (unsafe) return [at(place, "markup", { tag: unsafe.slice(0, 40) })];
  }
  return [];
}

/** Every problem under `node`; `item` is the question the node belongs to, if any. */
function walk(
  node: unknown,
  path: string,
  depth: number,
  item: string | undefined,
  problems: InstrumentProblem[],
): void {
  if (depth > MAX_DEPTH) {
    problems.push({ code: "too_deep", path });
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((child, i) => walk(child, `${path}[${i}]`, depth + 1, item, problems));
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const obj = node as Record<string, unknown>;
  const question = typeof obj.type === "string" ? (typeof obj.name === "string" ? obj.name : undefined) : item;
  if (typeof obj.type === "string" && REFUSED_TYPES.has(obj.type)) {
    problems.push({ code: "type_refused", item: question, path, params: { type: obj.type } });
    return;
  }
  for (const [key, value] of Object.entries(obj)) {
    const place = { item: question, field: key, path: `${path}.${key}` };
    if (key === "html" && obj.type === "html") problems.push(...markupProblems(value, place));
    else if (/html$/i.test(key))
      problems.push({ code: "html_property", item: question, path: place.path, params: { key } });
    else if (TEXT_KEYS.has(key)) problems.push(...textProblems(value, place));
    else walk(value, place.path, depth + 1, question, problems);
  }
  // A question without a title would show its internal name to respondents.
  if (typeof obj.type === "string" && obj.type !== "html" && obj.title === undefined)
    problems.push({ code: "title_missing", item: question, path });
}

/** Every problem of the upload rules at once (none: an empty list); run beside loadInstrument's. */
function uploadProblems(json: Record<string, unknown>): InstrumentProblem[] {
  const problems: InstrumentProblem[] = [];
  if (!Array.isArray(json.pages) || json.pages.length === 0) problems.push({ code: "no_pages" });
  walk(json, "$", 0, undefined, problems);
  return problems;
}

/** Throws an InstrumentError naming every problem of the upload rules. */
export function checkUploadedInstrument(json: Record<string, unknown>): void {
  const problems = uploadProblems(json);
  if (problems.length > 0) throw new InstrumentError(problems);
}

/**
 * A response stores only what the method scores or groups on, plus the one comment (see
 * domain/stored-score.ts): an uploaded question that is none of these would be asked and then
 * dropped — or, worse, could ask for something that identifies a person. Such an upload is refused.
 */
export function checkEveryAnswerIsKept(instrument: Instrument): void {
  const kept = new Set<string>([
    ...instrument.key.items.map((i) => i.name),
    ...Object.values(instrument.groupings),
    ...[
      instrument.key.factorsQuestion,
      instrument.key.mostQuestion,
      instrument.key.outcomeQuestion,
      instrument.commentQuestion,
    ].filter((n): n is string => n !== undefined),
  ]);
  // A grouping left open would put its skippers in a unit of their own that no guard knows about
  // (the total minus the shown units would be them); a scored question left open would have fewer
  // respondents than its group, down to one whose scores the whole round then publishes.
  const problems: InstrumentProblem[] = [];
  for (const q of instrument.questions) {
    // A question the method does not use goes, whether required or not; one it uses must be required.
    if (!kept.has(q.name)) problems.push({ code: "not_used", item: q.name });
    else if (q.name !== instrument.commentQuestion && !q.required)
      problems.push({ code: "not_required", item: q.name });
  }
  if (problems.length > 0) throw new InstrumentError(problems);
}

/**
 * Every problem of an upload at once — the upload rules, the method's rules per question, and
 * whether every answer is kept — and the instrument when there are none. SurveyJS itself can
 * stumble on shapes it never expected (a string where choices belong): for an upload that is the
 * uploader's input, and it is one more problem.
 */
export function checkUpload(json: Record<string, unknown>): {
  instrument: Instrument | null;
  problems: InstrumentProblem[];
} {
  const problems = uploadProblems(json);
  // A refused question type is said once, not again as an unsupported one.
  const refused = new Set(problems.filter((p) => p.code === "type_refused").map((p) => p.item));
  let inspected: ReturnType<typeof inspectInstrument>;
  try {
    inspected = inspectInstrument(json);
  } catch (error) {
    return {
      instrument: null,
      problems: [
        ...problems,
        { code: "unreadable", params: { detail: error instanceof Error ? error.message : String(error) } },
      ],
    };
  }
  problems.push(...inspected.problems.filter((p) => !(p.code === "type_unsupported" && refused.has(p.item))));
  try {
    checkEveryAnswerIsKept(inspected.instrument);
  } catch (error) {
    if (!(error instanceof InstrumentError)) throw error;
    problems.push(...error.problems);
  }
  return { instrument: problems.length === 0 ? inspected.instrument : null, problems };
}
