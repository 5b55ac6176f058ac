/**
 * The consultant's workspace: the portfolio of clients and rounds, the benchmark as published
 * norm sets, a comparison of chosen rounds against it (profiles, start-here, decision mixes,
 * current–desired gap, Cronbach's alpha), trends across an organisation's rounds, single-use
 * access codes, new rounds, managers by invitation, and the consultant's own instruments. Every
 * chart has a table next to it. This file holds the page's words and wires the panels together;
 * each panel is its own module under lib/ and components/.
 */
import { LEVELS } from "../../src/domain/levels.js";
import type { InstrumentSummary } from "../../src/services/instruments.js";
import type { TrendsView as Trends } from "../../src/services/trends.js";
import { showTrends } from "./components/trend-view.js";
import { AUDIT_TEXTS, auditPanel } from "./lib/audit-panel.js";
import type { Charts } from "./lib/charts.js";
import { CODE_SHEET_TEXTS } from "./lib/code-sheet.js";
import { codesPanel } from "./lib/codes-panel.js";
import { comparisonPanel } from "./lib/comparison-panel.js";
import { DATA_PROTECTION_TEXTS, dataProtectionPanel } from "./lib/data-protection.js";
import { DIAGNOSIS_TEXTS } from "./lib/diagnosis-texts.js";
import { instrumentPreview, PREVIEW_TEXTS } from "./lib/instrument-preview.js";
import { instrumentUpload, UPLOAD_TEXTS } from "./lib/instrument-upload.js";
import { instrumentsList } from "./lib/instruments-list.js";
import { MANAGER_TEXTS, managersPanel } from "./lib/managers-panel.js";
import { normsPanel } from "./lib/norms-panel.js";
import { portfolioPanel } from "./lib/portfolio-panel.js";
import { ROUND_FORM_TEXTS, roundForm } from "./lib/round-form.js";
import { STAFF_INVITATION_TEXTS, staffInvitationsPanel } from "./lib/staff-invitations.js";
import {
  $,
  api,
  createTexts,
  type Lang,
  type Loc,
  logout,
  LOGOUT_EVERYWHERE_TEXT,
  logoutEverywhere,
} from "./lib/ui.js";

const T: Record<string, Loc> = {
  appName: { nl: "Klantgerichtheid · werkruimte", en: "Customer-centricity · workspace" },
  reports: { nl: "Rapporten", en: "Reports" },
  logout: { nl: "Uitloggen", en: "Log out" },
  logoutEverywhere: LOGOUT_EVERYWHERE_TEXT,
  portfolio: { nl: "Klanten en rondes", en: "Clients and rounds" },
  compareSelected: { nl: "Vergelijk geselecteerde rondes", en: "Compare selected rounds" },
  compareHint: {
    nl: "Kies twee of meer rondes, ook van verschillende organisaties.",
    en: "Pick two or more rounds, also from different organisations.",
  },
  pickTwo: { nl: "Kies minstens twee rondes om te vergelijken.", en: "Pick at least two rounds to compare." },
  comparison: { nl: "Vergelijking en benchmark", en: "Comparison and benchmark" },
  compare: { nl: "Vergelijk", en: "Compare" },
  round: { nl: "Ronde", en: "Round" },
  status: { nl: "Status", en: "Status" },
  period: { nl: "Periode", en: "Period" },
  respondents: { nl: "Respondenten", en: "Respondents" },
  responseRate: { nl: "Respons", en: "Response rate" },
  startHere: { nl: "Hier beginnen", en: "Start here" },
  links: { nl: "Links", en: "Links" },
  report: { nl: "Rapport", en: "Report" },
  surveyLink: { nl: "Vragenlijst", en: "Survey" },
  open: { nl: "open", en: "open" },
  closed: { nl: "gesloten", en: "closed" },
  draft: { nl: "concept", en: "draft" },
  belowK: { nl: "< k", en: "< k" },
  afterClose: { nl: "na sluiting", en: "after closing" },
  closeRound: { nl: "Sluiten en vrijgeven", en: "Close and release" },
  closeConfirm: {
    nl: "De ronde \u201c{title}\u201d sluiten en de resultaten vrijgeven? Dit is definitief: daarna kan niemand meer antwoorden en kan de ronde niet opnieuw open.",
    en: "Close the round \u201c{title}\u201d and release its results? This is final: nobody can answer afterwards and the round cannot be reopened.",
  },
  released: {
    nl: "Resultaten van \u201c{title}\u201d vrijgegeven ({n} respondenten).",
    en: "Results of \u201c{title}\u201d released ({n} respondents).",
  },
  releaseNote: {
    nl: "Resultaten verschijnen pas als een ronde sluit: op de dag na de sluitdatum, of eerder met \u201cSluiten en vrijgeven\u201d. Zolang een ronde loopt is alleen de deelname te zien, want cijfers die met elk antwoord meebewegen verraden wat de laatste invuller antwoordde.",
    en: "Results appear only when a round closes: on the day after its closing date, or earlier with \u201cClose and release\u201d. While a round runs only participation is shown, because figures that move with every answer give away what the latest respondent answered.",
  },
  viaCodes: {
    nl: "{used} van {of} codes; geen aantal medewerkers ingevoerd",
    en: "{used} of {of} codes; no staff number entered",
  },
  viaHeadcount: { nl: "{n} van {of} medewerkers, zoals ingevoerd", en: "{n} of {of} staff, as entered" },
  codesBeside: { nl: "{used} van {issued} codes gebruikt", en: "{used} of {issued} codes used" },
  rateNote: {
    nl: "Respons: respondenten gedeeld door het aantal uitgenodigde medewerkers dat u bij de ronde invoerde. Alleen zonder dat aantal telt een ronde met codes de gebruikte codes tegen de uitgegeven codes (één code per persoon); het ingevoerde aantal wordt nooit door het aantal codes vervangen.",
    en: "Response rate: respondents divided by the number of staff invited you entered for the round. Only without that number does a round on codes count used codes against issued codes (one code per person); the number entered is never replaced by the number of codes.",
  },
  headcountHint: {
    nl: "De basis van de respons. Leeg laten kan bij codes: dan telt het aantal uitgegeven codes.",
    en: "The basis of the response rate. With codes it may stay empty: the number of codes issued then counts.",
  },
  managersSeeBenchmark: { nl: "managers zien de benchmarklijn", en: "managers see the benchmark line" },
  benchmark: { nl: "Benchmark", en: "Benchmark" },
  benchmarkNote: {
    nl: "Benchmark: normset van {date}, het gemiddelde van {organisations} organisaties (elk met hun laatste vrijgegeven ronde). Tussen haakjes het percentiel van elke ronde per niveau onder die organisaties.",
    en: "Benchmark: norm set of {date}, the mean of {organisations} organisations (each with its latest released round). In brackets each round's percentile per level among those organisations.",
  },
  noBenchmark: {
    nl: "Nog geen benchmark: publiceer hierboven een normset zodra minstens vijf organisaties een vrijgegeven ronde hebben die k bereikte.",
    en: "No benchmark yet: publish a norm set above once at least five organisations have a released round that reached k.",
  },
  normsTitle: { nl: "Benchmark: normsets", en: "Benchmark: norm sets" },
  normLatest: {
    nl: "Huidige benchmark: normset van {date}, het gemiddelde van {organisations} organisaties ({campaigns} rondes, één per organisatie). Rapporten en vergelijkingen gebruiken deze set tot u een nieuwe publiceert.",
    en: "Current benchmark: norm set of {date}, the mean of {organisations} organisations ({campaigns} rounds, one per organisation). Reports and comparisons use this set until you publish a new one.",
  },
  noNormSet: {
    nl: "Nog geen benchmark: er is nog geen normset gepubliceerd.",
    en: "No benchmark yet: no norm set has been published.",
  },
  normNeedsFive: {
    nl: "Een normset heeft minstens vijf organisaties nodig met een vrijgegeven ronde die k bereikte en alle zeven niveaus mat; nu zijn dat er {qualifying}.",
    en: "A norm set needs at least five organisations with a released round that reached k and measured all seven levels; {qualifying} have one now.",
  },
  normNeedsThreeNew: {
    nl: "Een nieuwe normset moet minstens drie organisaties toevoegen die niet in de vorige zaten (een nieuwere ronde van een organisatie die er al in zit telt niet); nu zijn dat er {added}.",
    en: "A new norm set must add at least three organisations that were not in the previous one (a newer round of an organisation already in it does not count); {added} would be new now.",
  },
  normReadyFirst: {
    nl: "{qualifying} organisaties komen in aanmerking: u kunt de eerste normset publiceren.",
    en: "{qualifying} organisations qualify: you can publish the first norm set.",
  },
  normReadyNext: {
    nl: "{qualifying} organisaties komen in aanmerking, waarvan {added} nieuw: u kunt een nieuwe normset publiceren.",
    en: "{qualifying} organisations qualify, {added} of them new: you can publish a new norm set.",
  },
  publishNorms: { nl: "Normset publiceren", en: "Publish norm set" },
  normsNote: {
    nl: "Een normset wordt bevroren op het moment van publiceren: per organisatie het profiel van haar laatste vrijgegeven ronde die k bereikte, elke organisatie één keer. Later gesloten rondes veranderen hem niet. Managers die de benchmarklijn mogen zien, zien het gemiddelde zonder hun eigen organisatie, en pas als die in de set zit. Een nieuwe set moet minstens drie nieuwe organisaties toevoegen: anders verraadt het verschil tussen twee sets het profiel van één klant.",
    en: "A norm set is frozen when published: per organisation the profile of its latest released round that reached k, each organisation once. Rounds closed later do not change it. Managers who may see the benchmark line see the mean without their own organisation, and only once it is in the set. A new set must add at least three new organisations: otherwise the difference between two sets would give away one client's profile.",
  },
  normPublished: {
    nl: "Normset gepubliceerd: {organisations} organisaties.",
    en: "Norm set published: {organisations} organisations.",
  },
  normConflict: {
    nl: "Er is tegelijk een andere normset gepubliceerd; hieronder staat nu de nieuwste.",
    en: "Another norm set was published at the same moment; the latest is shown now.",
  },
  earlierSets: { nl: "Eerdere normsets", en: "Earlier norm sets" },
  madeOn: { nl: "Gepubliceerd", en: "Published" },
  organisations: { nl: "Organisaties", en: "Organisations" },
  excluded: { nl: "Niet vergeleken: {list}.", en: "Not compared: {list}." },
  below_k: { nl: "minder dan k = {k} respondenten", en: "fewer than k = {k} respondents" },
  not_released: { nl: "loopt nog, resultaten na sluiting", en: "still running, results after closing" },
  level: { nl: "Niveau", en: "Level" },
  factors: { nl: "Beslisfactoren (weegt het zwaarst)", en: "Decision factors (weighs most)" },
  system: { nl: "Systeem", en: "System" },
  heart: { nl: "Hart / klant", en: "Heart / customer" },
  rules: { nl: "Beleid of proces genoemd", en: "Names policy or process" },
  desired: { nl: "Nu tegenover gewenst (gewenst − nu)", en: "Current versus desired (desired − current)" },
  noDesiredItems: { nl: "geen vragen over de gewenste situatie", en: "no desired-state items" },
  quality: { nl: "Methodekwaliteit: Cronbachs alfa per niveau", en: "Method quality: Cronbach's alpha per level" },
  qualityNote: {
    nl: "Alfa zegt of de vragen van een niveau één ding meten. Onder 0,7 (⚠) is de niveauscore minder betrouwbaar: bekijk de vragen.",
    en: "Alpha says whether a level's items measure one thing. Below 0.7 (⚠) the level score is less reliable: review the items.",
  },
  trends: { nl: "Ontwikkeling over rondes", en: "Trends across rounds" },
  organisation: { nl: "Organisatie", en: "Organisation" },
  noTrend: {
    nl: "Deze organisatie heeft nog geen twee rondes met minstens k respondenten.",
    en: "This organisation does not have two rounds with at least k respondents yet.",
  },
  trendNote: {
    nl: "Per niveau de verandering tussen opeenvolgende rondes, getoetst met Welch' t-toets. Verbeterd of verslechterd alleen als de verandering significant is na Holm-correctie over de niveaus van die stap (p < 0,05) én minstens {min} punten is. Rondes op verschillende versies van de vragenlijst vergelijken een niveau alleen op de vragen die beide versies delen (zelfde naam en niveau), met een voorzichtige toets; bij minder dan 2 gedeelde vragen is het niveau niet te vergelijken.",
    en: "Per level the change between consecutive rounds, tested with Welch's t-test. Improved or declined only when the change is significant after Holm correction across the levels of that step (p < 0.05) and at least {min} points. Rounds on different versions of the questionnaire compare a level only on the items both versions share (same name and level), with a conservative test; with fewer than 2 shared items the level is not comparable.",
  },
  from: { nl: "Van", en: "From" },
  to: { nl: "Naar", en: "To" },
  change: { nl: "Verandering", en: "Change" },
  verdict: { nl: "Oordeel", en: "Verdict" },
  sharedBasis: { nl: "op de {n} vragen die beide versies delen", en: "on the {n} items both versions share" },
  codes: { nl: "Eenmalige toegangscodes", en: "Single-use access codes" },
  howMany: { nl: "Aantal", en: "How many" },
  issueCodes: { nl: "Codes aanmaken", en: "Issue codes" },
  codesNote: {
    nl: "Codes worden één keer getoond: download of print ze meteen. De ronde vraagt daarna om een code. Een code wordt als gebruikt gemarkeerd, nooit aan antwoorden gekoppeld.",
    en: "Codes are shown once: download or print them straight away. The round then asks for a code. A code is marked used, never linked to answers.",
  },
  codesIssued: {
    nl: "{count} nieuwe codes. In totaal {issued} uitgegeven, {used} gebruikt.",
    en: "{count} new codes. {issued} issued in total, {used} used.",
  },
  downloadCsv: { nl: "CSV downloaden", en: "Download CSV" },
  printSheet: { nl: "Codevel afdrukken", en: "Print code sheet" },
  newRound: { nl: "Nieuwe organisatie of ronde", en: "New organisation or round" },
  newOrganisation: { nl: "Nieuwe organisatie", en: "New organisation" },
  add: { nl: "Toevoegen", en: "Add" },
  title: { nl: "Titel", en: "Title" },
  departments: { nl: "Afdelingen (één per regel)", en: "Departments (one per line)" },
  instrument: { nl: "Vragenlijst", en: "Instrument" },
  headcount: { nl: "Aantal uitgenodigde medewerkers", en: "Staff invited" },
  requireCode: { nl: "Alleen met een eenmalige code", en: "Only with a single-use code" },
  codeHint: {
    nl: "Met eenmalige codes: resultaten ook per afdeling, rol en diensttijd, voor elke groep van minstens 5 (k) mensen.",
    en: "With single-use codes: results also per department, role and tenure, for every group of at least 5 (k) people.",
  },
  openLinkHint: {
    nl: "Open link: resultaten alleen voor de ronde als geheel. Via een open link kan iedereen vaker antwoorden, dus een kleine afdeling zou met verzonnen antwoorden tot boven de 5 aangevuld kunnen worden; alleen codes maken dat aantal geloofwaardig.",
    en: "Open link: results for the round as a whole only. On an open link anyone can answer more than once, so a small department could be padded above 5 with invented answers; only codes make that count credible.",
  },
  createRound: { nl: "Ronde openen", en: "Open the round" },
  contact: {
    nl: "Contact voor vragen van medewerkers (op de vragenlijst)",
    en: "Contact for staff questions (on the survey)",
  },
  saveDraft: { nl: "Opslaan als concept", en: "Save as draft" },
  opensOn: { nl: "Opent op", en: "Opens on" },
  closesOn: { nl: "Sluit op", en: "Closes on" },
  datesNote: {
    nl: "Een concept kunt u nog aanpassen en later openen. Na de sluitdatum worden de resultaten vanzelf vrijgegeven.",
    en: "A draft can still be changed and opened later. After the closing date the results are released by themselves.",
  },
  openRound: { nl: "Openen", en: "Open" },
  openConfirm: {
    nl: "Ronde ‘{title}’ openen? Medewerkers kunnen dan antwoorden.",
    en: "Open ‘{title}’? Staff can then answer.",
  },
  opened: { nl: "‘{title}’ is geopend.", en: "‘{title}’ is open." },
  created: { nl: "Aangemaakt: {title}. Link voor medewerkers: {link}", en: "Created: {title}. Link for staff: {link}" },
  instruments: { nl: "Vragenlijsten", en: "Instruments" },
  version: { nl: "Versie", en: "Version" },
  source: { nl: "Bron", en: "Source" },
  builtin: { nl: "standaard", en: "built-in" },
  own: { nl: "eigen", en: "own" },
  itemsPerLevel: { nl: "Vragen per niveau", en: "Items per level" },
  desiredState: { nl: "Gewenste situatie", en: "Desired state" },
  yes: { nl: "ja", en: "yes" },
  no: { nl: "nee", en: "no" },
  upload: { nl: "Eigen vragenlijst uploaden", en: "Upload your own instrument" },
  uploadNote: {
    nl: "SurveyJS-JSON met een instrumentId. Elke beoordelingsvraag hoort bij een van de zeven niveaus (level), teksten in het Nederlands en Engels. Opnieuw uploaden maakt een nieuwe versie; lopende rondes houden hun versie.",
    en: "SurveyJS JSON with an instrumentId. Every rating item belongs to one of the seven levels (level), texts in Dutch and English. Uploading again makes a new version; running rounds keep theirs.",
  },
  pasteJson: { nl: "Plak de JSON", en: "Paste the JSON" },
  orFile: { nl: "of kies een bestand", en: "or choose a file" },
  uploadButton: { nl: "Controleren en opslaan", en: "Check and store" },
  notJson: { nl: "Dit is geen geldige JSON: {message}", en: "This is not valid JSON: {message}" },
  stored: { nl: "Opgeslagen als {id}, versie {version}.", en: "Stored as {id}, version {version}." },
  missingLevels: {
    nl: "Let op: dit instrument vraagt niets over {levels}. De diagnose kan daar dus nooit beginnen, ook niet als dat niveau het probleem is.",
    en: "Note: this instrument asks nothing about {levels}, so the diagnosis can never start there, even if that level is the problem.",
  },
  asTable: { nl: "Als tabel", en: "As a table" },
};

const texts = createTexts({
  ...T,
  ...MANAGER_TEXTS,
  ...AUDIT_TEXTS,
  ...DIAGNOSIS_TEXTS,
  ...ROUND_FORM_TEXTS,
  ...CODE_SHEET_TEXTS,
  ...PREVIEW_TEXTS,
  ...UPLOAD_TEXTS,
  ...STAFF_INVITATION_TEXTS,
  ...DATA_PROTECTION_TEXTS,
});
const t = texts.t.bind(texts);
const levelName = (id: string) => LEVELS.find((l) => l.id === id)?.name[texts.lang] ?? id;
const charts: Charts = new Map();
let trends: Trends | null = null;

function say(text: string, error = false): void {
  const box = $("message");
  box.textContent = text;
  box.classList.toggle("error", error);
  box.hidden = false;
}

const managers = managersPanel(texts);
const auditLog = auditPanel(texts);
const staffInvitations = staffInvitationsPanel(texts);
const portfolio = portfolioPanel(texts, {
  say,
  levelName,
  edit: (c) => rounds.edit(c),
  loaded: (organisations) =>
    Promise.all([
      managers.setOrganisations(organisations),
      auditLog.setOrganisations(organisations),
      staffInvitations.setOrganisations(organisations),
      dataProtection.setOrganisations(organisations),
    ]),
  closed: () => norms.load(),
});
const rounds = roundForm(t, { say, saved: () => portfolio.load(), showCodeHint });
const comparison = comparisonPanel(texts, { say, levelName, charts });
const norms = normsPanel(texts, { say, published: () => comparison.refresh() });
const codes = codesPanel(texts, { say, campaigns: () => portfolio.campaigns(), issued: () => portfolio.load() });
const preview = instrumentPreview(texts);
const showPreview = (i: Pick<InstrumentSummary, "id" | "version">, from: HTMLElement) =>
  void preview.open(i.id, i.version, from, say);
const instruments = instrumentsList(texts, { levelName, preview: showPreview });
const upload = instrumentUpload(texts, {
  stored: () => instruments.load(),
  levelName: (id) => levelName(id),
  preview: showPreview,
});
const dataProtection = dataProtectionPanel(texts, {
  say,
  changed: () => Promise.all([portfolio.load(), norms.load()]).then(() => undefined),
});

/** Every step between the organisation's rounds, a small chart per level (components/trend-view.tsx). */
function renderTrends(): void {
  $("trend-empty").hidden = showTrends($("trend-view"), { trends, t, levelName, charts, steps: "all" });
}

async function loadTrends(): Promise<void> {
  const id = ($("trend-organisation") as HTMLSelectElement).value;
  trends = id ? (await api<Trends>(`/api/organisations/${id}/trends`)).body : null;
  renderTrends();
}

/** What the round will publish, said where the consultant chooses between codes and an open link. */
function showCodeHint(): void {
  $("campaign-code-hint").textContent = t(
    ($("campaign-code") as HTMLInputElement).checked ? "codeHint" : "openLinkHint",
  );
}

function render(): void {
  texts.apply();
  rounds.render();
  upload.render();
  portfolio.render();
  norms.render();
  comparison.render();
  renderTrends();
  instruments.render();
  managers.render();
  auditLog.render();
  dataProtection.render();
  showCodeHint();
  codes.render();
}

async function start(): Promise<void> {
  texts.apply();
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
    b.addEventListener("click", () => {
      texts.setLang(b.dataset.lang as Lang);
      render();
      staffInvitations.refresh();
    });
  }
  $("logout").addEventListener("click", () => void logout());
  $("logout-everywhere").addEventListener("click", () => void logoutEverywhere());
  $("compare-button").addEventListener("click", () => void comparison.compare(portfolio.selectedIds()));
  $("trend-organisation").addEventListener("change", () => void loadTrends());
  $("campaign-code").addEventListener("change", showCodeHint);
  showCodeHint();
  const me = (await api<{ user: { role: string } }>("/api/me")).body;
  if (me.user.role !== "consultant") {
    location.href = "/dashboard";
    return;
  }
  await Promise.all([portfolio.load(), instruments.load(), norms.load()]);
  await loadTrends();
}

void start();
