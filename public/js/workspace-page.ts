/**
 * The consultant's workspace: the portfolio of clients and rounds, the benchmark as published
 * norm sets, a comparison of chosen rounds against it (profiles, start-here, decision mixes,
 * current–desired gap, Cronbach's alpha), trends across an organisation's rounds, single-use
 * access codes, new rounds, managers by invitation, and the consultant's own instruments. Every chart has a table next to it.
 */
import { type LevelId, LEVELS } from "../../src/domain/levels.js";
import type { CampaignView } from "../../src/routes/campaign-view.js";
import type { compareCampaigns } from "../../src/services/compare.js";
import type { InstrumentSummary } from "../../src/services/instruments.js";
import type { normSetOverview } from "../../src/services/norm-sets.js";
import type { TrendsView as Trends } from "../../src/services/trends.js";
import { showTrends } from "./components/trend-view.js";
import { AUDIT_TEXTS, auditPanel } from "./lib/audit-panel.js";
import { CHART_COLOURS, type Charts, clearChart, drawChart, seriesColour } from "./lib/charts.js";
import { CODE_SHEET_TEXTS, renderCodeSheet, type SheetLanguages, type SheetLayout } from "./lib/code-sheet.js";
import { DATA_PROTECTION_TEXTS, dataProtectionPanel } from "./lib/data-protection.js";
import { DIAGNOSIS_TEXTS, startWhy } from "./lib/diagnosis-texts.js";
import { instrumentPreview, PREVIEW_TEXTS } from "./lib/instrument-preview.js";
import { instrumentUpload, UPLOAD_TEXTS } from "./lib/instrument-upload.js";
import { MANAGER_TEXTS, managersPanel } from "./lib/managers-panel.js";
import { ROUND_FORM_TEXTS, roundForm } from "./lib/round-form.js";
import { STAFF_INVITATION_TEXTS, staffInvitationsPanel } from "./lib/staff-invitations.js";
import {
  $,
  api,
  createTexts,
  decimal,
  el,
  errorMessage,
  fillSelect,
  type Lang,
  type Loc,
  logout,
  LOGOUT_EVERYWHERE_TEXT,
  logoutEverywhere,
  table,
} from "./lib/ui.js";

/** A round as the API lists it (src/routes/campaign-view.ts). */
type CampaignRow = CampaignView;
interface Organisation {
  id: string;
  name: string;
  benchmarkForManagers?: boolean;
  campaigns: CampaignRow[];
}
/** The comparison and the norm sets as the API answers (src/services): one source of their shape. */
type Comparison = Awaited<ReturnType<typeof compareCampaigns>>;
type Compared = Comparison["campaigns"][number];
type NormSets = Awaited<ReturnType<typeof normSetOverview>>;

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
const managers = managersPanel(texts);
const rounds = roundForm(t, { say, saved: () => loadPortfolio(), showCodeHint });
const preview = instrumentPreview(texts);
const showPreview = (i: Pick<InstrumentSummary, "id" | "version">, from: HTMLElement) =>
  void preview.open(i.id, i.version, from, say);
const upload = instrumentUpload(texts, {
  stored: () => loadInstruments(),
  levelName: (id) => levelName(id),
  preview: showPreview,
});
const auditLog = auditPanel(texts);
const dataProtection = dataProtectionPanel(texts, {
  say,
  changed: () => Promise.all([loadPortfolio(), loadNorms()]).then(() => undefined),
});
const staffInvitations = staffInvitationsPanel(texts);
const levelName = (id: string) => LEVELS.find((l) => l.id === id)?.name[texts.lang] ?? id;
const charts: Charts = new Map();
let organisations: Organisation[] = [];
let comparison: Comparison | null = null;
let norms: NormSets | null = null;
let trends: Trends | null = null;
let instruments: InstrumentSummary[] = [];
let lastCodes: { campaign: CampaignRow; codes: string[] } | null = null;
const selected = new Set<string>();

function say(text: string, error = false): void {
  const box = $("message");
  box.textContent = text;
  box.classList.toggle("error", error);
  box.hidden = false;
}

const allCampaigns = () => organisations.flatMap((o) => o.campaigns.map((c) => ({ ...c, organisation: o.name })));

function rateText(c: CampaignRow): string {
  const r = c.responseRate;
  if (!r) return "–";
  // The basis is said with the figure; beside a headcount, the codes' own count stays visible.
  if (r.basis === "codes") return `${r.pct}% (${t("viaCodes", { used: c.codes.used, of: r.of })})`;
  const codes = c.codes.issued > 0 ? ` · ${t("codesBeside", { used: c.codes.used, issued: c.codes.issued })}` : "";
  return `${r.pct}% (${t("viaHeadcount", { n: c.respondents, of: r.of })})${codes}`;
}

function startText(c: {
  status?: string;
  startHere: { level: string | null; reasons: string[]; basis: string } | null;
}): string {
  const s = c.startHere;
  if (!s) return c.status === "closed" ? t("belowK") : t("afterClose");
  if (!s.level) return t("noStart");
  const why = startWhy(s, t);
  return `${levelName(s.level)}${why ? ` (${why})` : ""}`;
}

function renderPortfolio(): void {
  const tbl = el("table");
  const head = el("tr");
  for (const h of [
    t("compare"),
    t("round"),
    t("status"),
    t("period"),
    t("respondents"),
    t("responseRate"),
    t("startHere"),
    t("links"),
  ])
    head.append(Object.assign(el("th", h), { scope: "col" }));
  tbl.append(el("thead"), el("tbody"));
  tbl.tHead!.append(head);
  for (const org of organisations) {
    const orgRow = el("tr", undefined, "org-row");
    const cell = Object.assign(el("th"), { colSpan: 8, scope: "rowgroup" });
    cell.append(el("span", org.name));
    if (org.benchmarkForManagers !== undefined) {
      const label = el("label", undefined, "check small");
      const box = Object.assign(el("input"), { type: "checkbox", checked: org.benchmarkForManagers });
      box.addEventListener("change", async () => {
        const res = await api(`/api/organisations/${org.id}`, {
          method: "PATCH",
          body: { benchmarkForManagers: box.checked },
        });
        if (res.status !== 200) say(errorMessage(res.body, res.status), true);
        else org.benchmarkForManagers = box.checked;
      });
      label.append(box, el("span", t("managersSeeBenchmark")));
      cell.append(label);
    }
    orgRow.append(cell);
    tbl.tBodies[0]!.append(orgRow);
    for (const c of org.campaigns) {
      const row = el("tr");
      const pick = Object.assign(el("input"), { type: "checkbox", checked: selected.has(c.id) });
      pick.setAttribute("aria-label", `${t("compare")}: ${org.name} – ${c.title}`);
      pick.addEventListener("change", () => (pick.checked ? selected.add(c.id) : selected.delete(c.id)));
      const pickCell = el("td");
      pickCell.append(pick);
      const links = el("td");
      const report = Object.assign(el("a", t("report")), { href: `/dashboard?campaign=${encodeURIComponent(c.id)}` });
      links.append(report);
      if (c.surveyPath)
        links.append(
          " · ",
          Object.assign(el("a", t("surveyLink")), { href: c.surveyPath, target: "_blank", rel: "noopener noreferrer" }),
        );
      if (c.status !== "closed") {
        const change = el("button", t("editRoundButton"), "small secondary");
        change.type = "button";
        change.setAttribute("aria-label", `${t("editRoundButton")}: ${c.title}`);
        change.addEventListener("click", () => rounds.edit(c));
        links.append(" · ", change);
      }
      if (c.status === "draft") {
        const open = el("button", t("openRound"), "small");
        open.type = "button";
        open.addEventListener("click", () => void openRound(c));
        links.append(" · ", open);
      }
      if (c.surveyPath && c.status === "open") {
        const close = el("button", t("closeRound"), "small");
        close.type = "button";
        close.addEventListener("click", () => void closeRound(c));
        links.append(" · ", close);
      }
      row.append(
        pickCell,
        el("td", c.title),
        el("td", t(c.status)),
        el("td", [c.opensOn, c.closesOn].filter(Boolean).join(" – ") || "–"),
        el("td", String(c.respondents), "num"),
        el("td", rateText(c), "num"),
        el("td", startText(c)),
        links,
      );
      tbl.tBodies[0]!.append(row);
    }
  }
  $("portfolio").replaceChildren(tbl);
  const options = allCampaigns().map((c) => ({ value: c.id, label: `${c.organisation} – ${c.title}` }));
  const codesSelect = $("codes-campaign") as HTMLSelectElement;
  const keep = codesSelect.value;
  fillSelect(codesSelect, options);
  if (keep) codesSelect.value = keep;
  for (const id of ["trend-organisation", "campaign-organisation"]) {
    const select = $(id) as HTMLSelectElement;
    const value = select.value;
    fillSelect(
      select,
      organisations.map((o) => ({ value: o.id, label: o.name })),
    );
    if (value) select.value = value;
  }
}

/** A YYYY-MM-DD date in the page's language. */
const dateText = (date: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString(texts.lang === "nl" ? "nl-NL" : "en-GB", {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
  });

/** What publishing a norm set now would do, in words. */
function nextText(next: NormSets["next"]): string {
  if (next.refusal === "too_few_organisations") return t("normNeedsFive", { qualifying: next.qualifying });
  if (next.refusal === "too_few_new_organisations") return t("normNeedsThreeNew", { added: next.newOrganisations });
  return next.first
    ? t("normReadyFirst", { qualifying: next.qualifying })
    : t("normReadyNext", { qualifying: next.qualifying, added: next.newOrganisations });
}

function renderNorms(): void {
  if (!norms) return;
  const [latest, ...earlier] = norms.sets;
  $("norm-status").textContent = latest
    ? t("normLatest", {
        date: dateText(latest.madeOn),
        organisations: latest.organisations,
        campaigns: latest.campaigns,
      })
    : t("noNormSet");
  $("norm-table").replaceChildren(
    ...(latest
      ? [
          table(
            [t("level"), t("benchmark")],
            LEVELS.map((l) => [l.name[texts.lang], latest.levels[l.id] ?? "–"]),
          ),
        ]
      : []),
  );
  $("norm-next").textContent = nextText(norms.next);
  // The reason stands next to the button, so a publication the rules would refuse is not offered.
  ($("publish-norms") as HTMLButtonElement).disabled = norms.next.refusal !== null;
  const history = $("norm-history");
  history.replaceChildren();
  if (earlier.length > 0)
    history.append(
      el("h3", t("earlierSets")),
      table(
        [t("madeOn"), t("organisations")],
        earlier.map((s) => [dateText(s.madeOn), s.organisations]),
      ),
    );
}

async function loadNorms(): Promise<void> {
  norms = (await api<NormSets>("/api/norm-sets")).body;
  renderNorms();
}

/** Publishes the next norm set; a refusal is explained with the rule, in the page's language. */
async function publishNorms(): Promise<void> {
  const res = await api<NormSets["sets"][number] & { error?: { code: string } }>("/api/norm-sets", { method: "POST" });
  await loadNorms();
  if (res.status === 201) {
    say(t("normPublished", { organisations: res.body.organisations }));
    // A comparison on screen is measured against the new set from now on.
    if (comparison) {
      const ids = comparison.campaigns.map((c) => c.id).concat(comparison.excluded.map((e) => e.id));
      const again = await api<Comparison>(`/api/compare?campaigns=${ids.map(encodeURIComponent).join(",")}`);
      if (again.status === 200) {
        comparison = again.body;
        renderComparison();
      }
    }
    return;
  }
  const code = res.body.error?.code;
  if (code === "norm_set_conflict") return say(t("normConflict"), true);
  if ((code === "too_few_organisations" || code === "too_few_new_organisations") && norms)
    return say(nextText(norms.next), true);
  say(errorMessage(res.body, res.status), true);
}

function renderComparison(): void {
  clearChart(charts, "profiles");
  const section = $("comparison");
  section.hidden = comparison === null;
  if (!comparison) return;
  const { campaigns, benchmark, excluded } = comparison;
  const name = (c: Compared) => `${c.organisation.name} – ${c.title}`;
  $("benchmark-note").textContent = benchmark
    ? t("benchmarkNote", {
        date: benchmark.madeOn ? dateText(benchmark.madeOn) : "",
        organisations: benchmark.organisations ?? "",
      })
    : t("noBenchmark");
  const excludedBox = $("comparison-excluded");
  excludedBox.hidden = excluded.length === 0;
  excludedBox.textContent = t("excluded", {
    list: excluded.map((e) => `${e.organisation.name} – ${e.title} (${t(e.reason, { k: e.k })})`).join("; "),
  });

  const labels = LEVELS.map((l) => l.name[texts.lang]);
  const score = (c: Compared, level: string) => c.levels.find((l) => l.id === level)?.score ?? null;
  const datasets = campaigns.map((c, i) => ({
    label: name(c),
    data: LEVELS.map((l) => score(c, l.id)),
    borderColor: seriesColour(i),
    backgroundColor: seriesColour(i),
    borderWidth: 2,
  }));
  if (benchmark) {
    datasets.push({
      label: t("benchmark"),
      data: LEVELS.map((l) => benchmark.levels[l.id] ?? null),
      borderColor: CHART_COLOURS.benchmark,
      backgroundColor: CHART_COLOURS.benchmark,
      borderWidth: 3,
      borderDash: [6, 4],
    } as never);
  }
  // Levels on the vertical axis, mission on top: the profile reads top-down like the staircase.
  drawChart(charts, "profiles", `${t("comparison")}: ${t("asTable")}`, {
    type: "line",
    data: { labels, datasets },
    options: { indexAxis: "y", scales: { x: { min: 0, max: 100 } } },
  });

  const cellOf = (c: Compared, level: LevelId) => {
    const s = score(c, level);
    const p = c.percentiles?.[level];
    return s === null ? "–" : p === undefined ? String(s) : `${s} (P${p})`;
  };
  $("comparison-table").replaceChildren(
    table(
      [t("level"), ...campaigns.map(name), ...(benchmark ? [t("benchmark")] : [])],
      LEVELS.map((l) => [
        l.name[texts.lang],
        ...campaigns.map((c) => cellOf(c, l.id)),
        ...(benchmark ? [benchmark.levels[l.id] ?? "–"] : []),
      ]),
    ),
  );
  $("comparison-start").replaceChildren(
    table(
      [t("round"), t("startHere")],
      campaigns.map((c) => [name(c), startText(c)]),
    ),
  );
  $("comparison-factors").replaceChildren(
    table(
      [t("round"), t("system"), t("heart"), t("rules")],
      campaigns.map((c) => {
        const g = c.decisionFactors?.groups;
        return [
          name(c),
          g ? `${g.system!.mostPct}%` : "–",
          g ? `${g.heart!.mostPct}%` : "–",
          g ? `${g.rules!.chosenPct}%` : "–",
        ];
      }),
    ),
  );
  $("comparison-desired").replaceChildren(
    table(
      [t("level"), ...campaigns.map(name)],
      LEVELS.map((l) => [
        l.name[texts.lang],
        ...campaigns.map((c) => {
          if (!c.desiredGap) return t("noDesiredItems");
          const g = c.desiredGap.find((x) => x.level === l.id);
          return g ? `${g.current} → ${g.desired} (+${g.gap})` : "–";
        }),
      ]),
    ),
  );
  $("comparison-quality").replaceChildren(
    table(
      [t("level"), ...campaigns.map(name)],
      LEVELS.map((l) => [
        l.name[texts.lang],
        ...campaigns.map((c) => {
          const r = c.reliability.find((x) => x.level === l.id);
          if (!r) return "–";
          const alpha = decimal(r.alpha, 2, texts.lang);
          return r.warning ? `⚠ ${alpha}` : alpha;
        }),
      ]),
    ),
  );
}

/** Every step between the organisation's rounds, a small chart per level (components/trend-view.tsx). */
function renderTrends(): void {
  $("trend-empty").hidden = showTrends($("trend-view"), { trends, t, levelName, charts, steps: "all" });
}

function renderInstruments(): void {
  const title = (x: unknown) =>
    typeof x === "string"
      ? x
      : ((x as Partial<Loc & { default: string }>)[texts.lang] ?? (x as { default?: string }).default ?? "");
  const list = table(
    [t("instrument"), t("version"), t("source"), t("itemsPerLevel"), t("desiredState"), t("preview")],
    instruments.map((i) => [
      `${title(i.title)} (${i.id})`,
      i.version,
      i.builtin ? t("builtin") : t("own"),
      Object.entries(i.items)
        .map(([l, n]) => `${levelName(l)} ${n}`)
        .join(", "),
      i.desiredState ? t("yes") : t("no"),
      "",
    ]),
  );
  // Each version can be looked at before a round uses it.
  [...list.tBodies[0]!.rows].forEach((row, n) => {
    const i = instruments[n]!;
    const button = el("button", t("preview"), "small secondary");
    button.type = "button";
    button.setAttribute("aria-label", `${t("preview")}: ${i.id} v${i.version}`);
    button.addEventListener("click", () => showPreview(i, button));
    row.cells[5]!.replaceChildren(button);
  });
  $("instruments").replaceChildren(list);
  const select = $("campaign-instrument") as HTMLSelectElement;
  const keep = select.value;
  fillSelect(
    select,
    [...instruments]
      .sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.id.localeCompare(b.id) || b.version - a.version)
      .map((i) => ({ value: `${i.id}@${i.version}`, label: `${title(i.title)} · v${i.version}` })),
  );
  if (keep) select.value = keep;
}

function render(): void {
  texts.apply();
  rounds.render();
  upload.render();
  renderPortfolio();
  renderNorms();
  renderComparison();
  renderTrends();
  renderInstruments();
  managers.render();
  auditLog.render();
  dataProtection.render();
  showCodeHint();
  if (lastCodes) showCodes(lastCodes.campaign, lastCodes.codes, null);
}

async function loadPortfolio(): Promise<void> {
  organisations = (await api<Organisation[]>("/api/organisations")).body;
  renderPortfolio();
  await Promise.all([
    managers.setOrganisations(organisations),
    auditLog.setOrganisations(organisations),
    staffInvitations.setOrganisations(organisations),
    dataProtection.setOrganisations(organisations),
  ]);
}

/** Closes a round for good, after the consultant confirms; its results are released at once. */
async function openRound(c: CampaignRow): Promise<void> {
  if (!confirm(t("openConfirm", { title: c.title }))) return;
  const res = await api<CampaignRow>(`/api/campaigns/${c.id}/open`, { method: "POST" });
  if (res.status !== 200) return say(errorMessage(res.body, res.status), true);
  say(t("opened", { title: c.title }));
  await loadPortfolio();
}

async function closeRound(c: CampaignRow): Promise<void> {
  if (!confirm(t("closeConfirm", { title: c.title }))) return;
  const res = await api<{ respondents: number }>(`/api/campaigns/${c.id}/close`, { method: "POST" });
  if (res.status !== 200) return say(errorMessage(res.body, res.status), true);
  say(t("released", { title: c.title, n: res.body.respondents }));
  await Promise.all([loadPortfolio(), loadNorms()]);
}

async function loadTrends(): Promise<void> {
  const id = ($("trend-organisation") as HTMLSelectElement).value;
  trends = id ? (await api<Trends>(`/api/organisations/${id}/trends`)).body : null;
  renderTrends();
}

async function loadInstruments(): Promise<void> {
  instruments = (await api<InstrumentSummary[]>("/api/instruments")).body;
  renderInstruments();
}

async function compareSelected(): Promise<void> {
  const ids = allCampaigns()
    .filter((c) => selected.has(c.id))
    .map((c) => c.id);
  if (ids.length < 2) return say(t("pickTwo"), true);
  const res = await api<Comparison>(`/api/compare?campaigns=${ids.map(encodeURIComponent).join(",")}`);
  if (res.status !== 200) return say(errorMessage(res.body, res.status), true);
  $("message").hidden = true;
  comparison = res.body;
  renderComparison();
  $("comparison").scrollIntoView({ behavior: "smooth", block: "start" });
}

function showCodes(campaign: CampaignRow, codes: string[], counts: { issued: number; used: number } | null): void {
  lastCodes = { campaign, codes };
  $("codes-result").hidden = false;
  if (counts)
    $("codes-summary").textContent = t("codesIssued", {
      count: codes.length,
      issued: counts.issued,
      used: counts.used,
    });
  $("codes-list").replaceChildren(...codes.map((code) => el("li", code)));
  void drawSheet();
}

/** The sheet in the language(s) and layout chosen for the round's staff; resolves once its QR codes are drawn. */
function drawSheet(): Promise<void> {
  if (!lastCodes) return Promise.resolve();
  const chosen = (name: string) => (document.querySelector(`input[name=${name}]:checked`) as HTMLInputElement).value;
  return renderCodeSheet($("code-sheet"), {
    campaign: lastCodes.campaign,
    codes: lastCodes.codes,
    languages: chosen("sheet-lang") as SheetLanguages,
    layout: chosen("sheet-layout") as SheetLayout,
  });
}

async function issueCodes(event: Event): Promise<void> {
  event.preventDefault();
  const campaign = allCampaigns().find((c) => c.id === ($("codes-campaign") as HTMLSelectElement).value);
  if (!campaign) return;
  const count = Number(($("codes-count") as HTMLInputElement).value);
  const res = await api<{ codes: string[]; issued: number; used: number }>(`/api/campaigns/${campaign.id}/codes`, {
    method: "POST",
    body: { count },
  });
  if (res.status !== 201) return say(errorMessage(res.body, res.status), true);
  showCodes(campaign, res.body.codes, res.body);
  await loadPortfolio();
}

function downloadCodes(): void {
  if (!lastCodes) return;
  const csv = ["code", ...lastCodes.codes].join("\r\n") + "\r\n";
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const a = Object.assign(el("a"), {
    href: url,
    download: `codes-${lastCodes.campaign.title.replace(/[^\w-]+/g, "-")}.csv`,
  });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function printCodes(): Promise<void> {
  await drawSheet();
  document.body.classList.add("print-codes");
  window.addEventListener("afterprint", () => document.body.classList.remove("print-codes"), { once: true });
  window.print();
}

async function createOrganisation(event: Event): Promise<void> {
  event.preventDefault();
  const input = $("organisation-name") as HTMLInputElement;
  const res = await api<{ id: string; name: string }>("/api/organisations", {
    method: "POST",
    body: { name: input.value },
  });
  if (res.status !== 201) return say(errorMessage(res.body, res.status), true);
  input.value = "";
  await loadPortfolio();
  ($("campaign-organisation") as HTMLSelectElement).value = res.body.id;
}

/** What the round will publish, said where the consultant chooses between codes and an open link. */
function showCodeHint(): void {
  $("campaign-code-hint").textContent = t(
    ($("campaign-code") as HTMLInputElement).checked ? "codeHint" : "openLinkHint",
  );
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
  $("compare-button").addEventListener("click", () => void compareSelected());
  $("publish-norms").addEventListener("click", () => void publishNorms());
  $("trend-organisation").addEventListener("change", () => void loadTrends());
  $("campaign-code").addEventListener("change", showCodeHint);
  showCodeHint();
  $("codes-form").addEventListener("submit", (e) => void issueCodes(e));
  $("codes-csv").addEventListener("click", downloadCodes);
  $("codes-print").addEventListener("click", () => void printCodes());
  for (const option of document.querySelectorAll("input[name=sheet-lang], input[name=sheet-layout]"))
    option.addEventListener("change", () => void drawSheet());
  $("organisation-form").addEventListener("submit", (e) => void createOrganisation(e));
  const me = (await api<{ user: { role: string } }>("/api/me")).body;
  if (me.user.role !== "consultant") {
    location.href = "/dashboard";
    return;
  }
  await Promise.all([loadPortfolio(), loadInstruments(), loadNorms()]);
  await loadTrends();
}

void start();
