/**
 * Extra rules for instruments that consultants upload, on top of the method's rules in
 * loadInstrument: every text readable in Dutch and English (or given one default text), and no
 * markup that could run or fetch anything. SurveyJS shows titles and choices as text; only an
 * `html` question renders markup, and there an allowlist of bare formatting tags is accepted.
 */
import { InstrumentError, type Instrument } from "./instrument.js";

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

function checkMarkup(value: unknown, path: string): void {
  checkText(value, path);
  const texts = typeof value === "string" ? [value] : Object.values(value as Record<string, string>);
  for (const text of texts) {
    const unsafe = (text.match(/<[^>]*>?/g) ?? []).find((tag) => !SAFE_TAG.test(tag));
    if (unsafe) throw new InstrumentError(`${path} may only use simple formatting tags without attributes; found ${unsafe.slice(0, 40)}`);
  }
}

const MAX_DEPTH = 12;

function checkText(value: unknown, path: string): void {
  if (typeof value === "string") return; // one text for every language
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InstrumentError(`${path} must be a text or {"nl": …, "en": …}`);
  const texts = value as Record<string, unknown>;
  if (Object.values(texts).some((t) => typeof t !== "string")) throw new InstrumentError(`${path} may only hold texts`);
  if (typeof texts.default !== "string" && (typeof texts.nl !== "string" || typeof texts.en !== "string")) {
    throw new InstrumentError(`${path} needs both "nl" and "en", or a "default" text`);
  }
}

function walk(node: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw new InstrumentError(`the instrument is nested too deeply at ${path}`);
  if (Array.isArray(node)) {
    node.forEach((child, i) => walk(child, `${path}[${i}]`, depth + 1));
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const obj = node as Record<string, unknown>;
  if (typeof obj.type === "string" && REFUSED_TYPES.has(obj.type)) {
    throw new InstrumentError(`question type "${obj.type}" is not allowed in an uploaded instrument`, typeof obj.name === "string" ? obj.name : undefined);
  }
  for (const [key, value] of Object.entries(obj)) {
    if (key === "html" && obj.type === "html") checkMarkup(value, `${path}.html`);
    else if (/html$/i.test(key)) throw new InstrumentError(`"${key}" is not allowed: uploaded texts are shown as plain text`);
    else if (TEXT_KEYS.has(key)) checkText(value, `${path}.${key}`);
    else walk(value, `${path}.${key}`, depth + 1);
  }
  // A question without a title would show its internal name to respondents.
  if (typeof obj.type === "string" && obj.type !== "html" && obj.title === undefined) {
    throw new InstrumentError("every question needs a title", typeof obj.name === "string" ? obj.name : undefined);
  }
}

/** Throws an InstrumentError naming the first problem; run before loadInstrument. */
export function checkUploadedInstrument(json: Record<string, unknown>): void {
  if (!Array.isArray(json.pages) || json.pages.length === 0) throw new InstrumentError("the instrument needs at least one page");
  walk(json, "$", 0);
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
    ...[instrument.key.factorsQuestion, instrument.key.mostQuestion, instrument.key.outcomeQuestion, instrument.commentQuestion].filter((n): n is string => n !== undefined),
  ]);
  // A grouping left open would put its skippers in a unit of their own that no guard knows about
  // (the total minus the shown units would be them); a scored question left open would have fewer
  // respondents than its group, down to one whose scores the whole round then publishes.
  const optional = instrument.questions.find((q) => q.name !== instrument.commentQuestion && !q.required);
  if (optional) {
    throw new InstrumentError(
      "every question but the one comment must be required (isRequired: true): a question some skip would publish the answers of the few who did not, down to one person",
      optional.name,
    );
  }
  const extra = instrument.questions.find((q) => !kept.has(q.name));
  if (extra) {
    throw new InstrumentError(
      'only questions the method uses are allowed: ratings tagged with a level or scale, one 0–10 outcome ("outcome": true), department/role/tenure ("grouping"), the decision factors ("decision"), and one comment ("freeText": true)',
      extra.name,
    );
  }
}
