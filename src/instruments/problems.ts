/**
 * What can be wrong with an instrument, in plain words in Dutch and English: which question (or
 * text), what is wrong, and how to fix it. Pure: the checks name a problem by code, item and
 * parameters; this catalogue turns it into sentences for the consultant who uploads it.
 */
import { CLIMATE_SCALES, FACTOR_IDS } from "../domain/factors.js";
import type { Language, Localised } from "../domain/i18n.js";
import { LEVEL_IDS } from "../domain/levels.js";

type Params = Record<string, string | number>;

/** The names of the texts a check refers to, in Dutch (English uses SurveyJS's own property names). */
const FIELD_NL: Record<string, string> = {
  title: "titel",
  description: "beschrijving",
  text: "tekst",
  html: "html-tekst",
  placeholder: "placeholder",
  minRateDescription: "tekst bij het laagste punt",
  maxRateDescription: "tekst bij het hoogste punt",
};
const nlField = (p: Params) => FIELD_NL[String(p.field)] ?? `tekst "${p.field}"`;
type Sentence = (p: Params) => string;

const LEVELS = LEVEL_IDS.join(", ");
const SCALES = CLIMATE_SCALES.join(", ");
const FACTORS = FACTOR_IDS.join(", ");

/** Per problem: what is wrong and how to fix it, in both languages. English keeps the rule's own wording. */
const CATALOGUE = {
  no_pages: {
    en: () => 'the instrument needs at least one page: add "pages": [{ "elements": [ … ] }]',
    nl: () => 'de vragenlijst heeft minstens één pagina nodig: voeg "pages": [{ "elements": [ … ] }] toe',
  },
  instrument_id: {
    en: () => 'instrumentId must be a short kebab-case id: use a–z, 0–9 and -, e.g. "quick-scan"',
    nl: () => 'instrumentId moet een korte id zijn van a–z, 0–9 en -, bijvoorbeeld "quick-scan"',
  },
  instrument_version: {
    en: () => "instrumentVersion must be a positive integer",
    nl: () => "instrumentVersion moet een positief geheel getal zijn",
  },
  too_deep: {
    en: () => "the instrument is nested too deeply: flatten it (at most 12 levels of nesting)",
    nl: () => "de vragenlijst is te diep genest: maak haar platter (hoogstens 12 niveaus)",
  },
  text_shape: {
    en: (p) => `its ${p.field} must be a text or {"nl": …, "en": …}`,
    nl: (p) => `de ${nlField(p)} moet een tekst zijn of {"nl": …, "en": …}`,
  },
  text_only: {
    en: (p) => `its ${p.field} may only hold texts: give "nl" and "en" as text between quotes`,
    nl: (p) => `de ${nlField(p)} mag alleen teksten bevatten: geef "nl" en "en" als tekst tussen aanhalingstekens`,
  },
  text_languages: {
    en: (p) => `its ${p.field} needs both "nl" and "en", or a "default" text: add the missing language`,
    nl: (p) => `de ${nlField(p)} heeft zowel "nl" als "en" nodig, of één "default"-tekst: vul de ontbrekende taal aan`,
  },
  markup: {
    en: (p) =>
      `its ${p.field} may only use simple formatting tags without attributes; found ${p.tag}: remove it, or use p, br, strong, em, b, i, u, ul, ol, li, h3 or h4 without attributes`,
    nl: (p) =>
      `de ${nlField(p)} mag alleen eenvoudige opmaak zonder attributen gebruiken; gevonden: ${p.tag}. Haal het weg, of gebruik p, br, strong, em, b, i, u, ul, ol, li, h3 of h4 zonder attributen`,
  },
  html_property: {
    en: (p) =>
      `"${p.key}" is not allowed: uploaded texts are shown as plain text; use "${String(p.key).replace(/html$/i, "")}" or an html block with simple formatting instead`,
    nl: (p) =>
      `"${p.key}" is niet toegestaan: geüploade teksten worden als platte tekst getoond. Gebruik "${String(p.key).replace(/html$/i, "")}" of een html-blok met eenvoudige opmaak`,
  },
  type_refused: {
    en: (p) =>
      `question type "${p.type}" is not allowed in an uploaded instrument: it loads content from elsewhere or collects more than answers; remove it`,
    nl: (p) =>
      `vraagtype "${p.type}" is niet toegestaan in een geüploade vragenlijst: het laadt inhoud van elders of verzamelt meer dan antwoorden. Haal de vraag weg`,
  },
  title_missing: {
    en: () => 'every question needs a title: add "title": {"nl": …, "en": …}, or staff would see its internal name',
    nl: () =>
      'elke vraag heeft een titel nodig: voeg "title": {"nl": …, "en": …} toe, anders zien medewerkers de interne naam',
  },
  name_missing: {
    en: () => 'question names must be present and unique: give this question a "name"',
    nl: () => 'elke vraag heeft een unieke naam nodig: geef deze vraag een "name"',
  },
  name_duplicate: {
    en: () => "question names must be present and unique: another question has this name too; rename one of them",
    nl: () => "vraagnamen moeten uniek zijn: een andere vraag heeft dezelfde naam. Geef een van beide een andere naam",
  },
  agreement_scale: {
    en: () =>
      'rating items use the 1–5 agreement scale, optionally followed by "don\'t know" with the value "dk" and/or "not applicable" with the value "na", in that order (rateValues [1, 2, 3, 4, 5, {"value": "dk"}, {"value": "na"}]): set rateMin 1 and rateMax 5, or list exactly those rateValues',
    nl: () =>
      'beoordelingsvragen gebruiken de schaal 1–5, eventueel gevolgd door "weet niet" met de waarde "dk" en/of "n.v.t." met de waarde "na", in die volgorde: zet rateMin op 1 en rateMax op 5, of geef precies rateValues [1, 2, 3, 4, 5, {"value": "dk"}, {"value": "na"}]',
  },
  rating_level: {
    en: () =>
      `a rating item needs exactly one known level (or decision-climate scale): add "level" with one of ${LEVELS}, or "scale" with one of ${SCALES} — not both`,
    nl: () =>
      `een beoordelingsvraag hoort bij precies één bekend niveau (of beslisklimaat-schaal): voeg "level" toe met een van ${LEVELS}, of "scale" met een van ${SCALES} — niet allebei`,
  },
  perspective: {
    en: () => 'perspective must be "current" or "desired": leave it out for the current state',
    nl: () => 'perspective moet "current" of "desired" zijn: laat het weg voor de huidige situatie',
  },
  desired_level: {
    en: () => 'a desired-state item needs a level: add the "level" of the item it mirrors',
    nl: () =>
      'een vraag over de gewenste situatie hoort bij een niveau: voeg het "level" toe van de vraag die ze spiegelt',
  },
  facet_id: {
    en: () => 'a facet is a short snake_case id, e.g. "customer_view"',
    nl: () => 'een facet is een korte id in snake_case, bijvoorbeeld "customer_view"',
  },
  facet_level: {
    en: () => 'a facet narrows a level: only current-state level items have one; remove "facet" here',
    nl: () =>
      'een facet verfijnt een niveau: alleen vragen over de huidige situatie met een niveau hebben er een. Haal "facet" hier weg',
  },
  level_score: {
    en: () =>
      'only a current-state item of a level can be kept out of its level\'s score: remove "levelScore": false, or give the item a "level" and no "perspective": "desired"',
    nl: () =>
      'alleen een vraag over de huidige situatie met een niveau kan buiten de score van dat niveau blijven: haal "levelScore": false weg, of geef de vraag een "level" zonder "perspective": "desired"',
  },
  mirrors_not_desired: {
    en: () =>
      'only a desired-state item mirrors a current-state item (by its name): add "perspective": "desired" or remove "mirrors"',
    nl: () =>
      'alleen een vraag over de gewenste situatie spiegelt een vraag over de huidige (bij naam): voeg "perspective": "desired" toe of haal "mirrors" weg',
  },
  mirrors_target: {
    en: (p) =>
      `mirrors must name a current-state item of the same level that counts in its score; "${p.target}" is none: name one of that level's current items`,
    nl: (p) =>
      `"mirrors" moet een vraag over de huidige situatie van hetzelfde niveau noemen die in de score van dat niveau meetelt; "${p.target}" is dat niet`,
  },
  mirrors_keyed: {
    en: (p) => `a desired item is keyed like the item it mirrors ("${p.target}"): give both the same "reverse"`,
    nl: (p) =>
      `een gewenste-situatievraag wordt gescoord zoals de vraag die ze spiegelt ("${p.target}"): geef beide dezelfde "reverse"`,
  },
  mirrors_twice: {
    en: (p) => `"${p.target}" is mirrored twice: one desired item per current item`,
    nl: (p) => `"${p.target}" wordt twee keer gespiegeld: één gewenste-situatievraag per vraag`,
  },
  outcome_twice: {
    en: (p) => `an instrument has one outcome item at most ("${p.other}" is one): remove "outcome" here`,
    nl: (p) => `een vragenlijst heeft hoogstens één uitkomstvraag ("${p.other}" is er al een): haal "outcome" hier weg`,
  },
  outcome_tagged: {
    en: () => "the outcome item belongs to no level, scale or facet and is not reverse-keyed: remove those properties",
    nl: () =>
      "de uitkomstvraag hoort bij geen niveau, schaal of facet en wordt niet omgekeerd gescoord: haal die eigenschappen weg",
  },
  outcome_scale: {
    en: () => "the outcome item is rated 0–10 (rateMin 0, rateMax 10, no rateValues)",
    nl: () => "de uitkomstvraag loopt van 0 tot 10 (rateMin 0, rateMax 10, geen rateValues)",
  },
  grouping: {
    en: () => "grouping must be department, role or tenure on a single-choice question (radiogroup or dropdown)",
    nl: () => "grouping moet department, role of tenure zijn, op een vraag met één keuze (radiogroup of dropdown)",
  },
  grouping_twice: {
    en: (p) => `two questions ask for ${p.grouping}: keep one`,
    nl: (p) => `twee vragen vragen naar ${p.grouping}: houd er één`,
  },
  factor_unknown: {
    en: (p) => `unknown decision factor "${p.factor}": use one of ${FACTORS}`,
    nl: (p) => `onbekende beslisfactor "${p.factor}": gebruik een van ${FACTORS}`,
  },
  factors_checkbox: {
    en: () => "the decision factors question must be a checkbox",
    nl: () => "de vraag naar beslisfactoren moet een checkbox zijn",
  },
  factors_choices: {
    en: () => "the decision factors question needs choices",
    nl: () => "de vraag naar beslisfactoren heeft keuzes nodig",
  },
  choices_from_mode: {
    en: () => 'choicesFromQuestion is supported with mode \'selected\' only: add "choicesFromQuestionMode": "selected"',
    nl: () => 'choicesFromQuestion werkt alleen met "choicesFromQuestionMode": "selected"',
  },
  choices_from_source: {
    en: () => "choicesFromQuestion must name an earlier checkbox",
    nl: () => "choicesFromQuestion moet een eerdere checkboxvraag noemen",
  },
  choices_missing: {
    en: () => 'a choice question needs choices: add "choices"',
    nl: () => 'een keuzevraag heeft keuzes nodig: voeg "choices" toe',
  },
  most_order: {
    en: () => "the 'most' question must follow the decision factors question: move it after that one",
    nl: () => "de vraag naar wat het zwaarst weegt moet na de vraag naar beslisfactoren komen: verplaats haar",
  },
  type_unsupported: {
    en: (p) =>
      `question type "${p.type}" is not supported: use rating, radiogroup, dropdown, checkbox, comment, text or html`,
    nl: (p) =>
      `vraagtype "${p.type}" wordt niet ondersteund: gebruik rating, radiogroup, dropdown, checkbox, comment, text of html`,
  },
  no_items: {
    en: () => 'the instrument has no rating items: add rating questions with a "level"',
    nl: () => 'de vragenlijst heeft geen beoordelingsvragen: voeg rating-vragen met een "level" toe',
  },
  not_required: {
    en: () =>
      "every question but the one comment must be required (isRequired: true): a question some skip would publish the answers of the few who did not, down to one person",
    nl: () =>
      "elke vraag behalve de ene opmerking moet verplicht zijn (isRequired: true): een vraag die sommigen overslaan, zou de antwoorden van de paar anderen tonen, tot op één persoon",
  },
  not_used: {
    en: () =>
      'only questions the method uses are allowed: ratings tagged with a level or scale, one 0–10 outcome ("outcome": true), department/role/tenure ("grouping"), the decision factors ("decision"), and one comment ("freeText": true)',
    nl: () =>
      'alleen vragen die de methode gebruikt zijn toegestaan: beoordelingsvragen met een niveau of schaal, één uitkomstvraag 0–10 ("outcome": true), afdeling/rol/diensttijd ("grouping"), de beslisfactoren ("decision") en één opmerking ("freeText": true). Haal deze vraag weg',
  },
  unreadable: {
    en: (p) => `SurveyJS could not read it (${p.detail}): check the question's properties against the SurveyJS format`,
    nl: (p) =>
      `SurveyJS kon het niet lezen (${p.detail}): controleer de eigenschappen van de vraag aan de hand van het SurveyJS-formaat`,
  },
} satisfies Record<string, Record<Language, Sentence>>;

export type ProblemCode = keyof typeof CATALOGUE;

export interface InstrumentProblem {
  code: ProblemCode;
  /** The question's name, when the problem is in one. */
  item?: string | undefined;
  /** Where in the JSON, when it is not a question as a whole (e.g. `$.pages[0].elements[2].title`). */
  path?: string | undefined;
  params?: Params;
}

/** Where the problem is, in words: a question by its name, else the instrument. */
const WHERE: Record<Language, (p: InstrumentProblem) => string> = {
  en: (p) => (p.item ? `Question "${p.item}"` : p.path && p.path !== "$" ? `At ${p.path}` : "The instrument"),
  nl: (p) => (p.item ? `Vraag "${p.item}"` : p.path && p.path !== "$" ? `Bij ${p.path}` : "De vragenlijst"),
};

/** The rule in one sentence, without where (the English is the checks' own message). */
export function problemRule(problem: InstrumentProblem, lang: Language): string {
  return CATALOGUE[problem.code][lang](problem.params ?? {});
}

/** The problem as a full sentence: where, what is wrong, how to fix it. */
export function problemSentence(problem: InstrumentProblem, lang: Language): string {
  return `${WHERE[lang](problem)}: ${problemRule(problem, lang)}.`;
}

export const problemTexts = (problem: InstrumentProblem): Localised => ({
  nl: problemSentence(problem, "nl"),
  en: problemSentence(problem, "en"),
});
