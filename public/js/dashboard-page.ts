/**
 * The management dashboard: picks an organisation and campaign, then draws the report —
 * the seven levels as a top-down staircase with the start-here level, heatmaps by department
 * and role (suppressed cells greyed), the decision-factor mix with its headline, the gap
 * between management and staff, and comments. Every chart has a table alternative. This file
 * holds the page's words and state (which round, filter and answer are shown) and wires the
 * sections together; each section is its own module under lib/ and components/.
 */
import type { CampaignView } from "../../src/routes/campaign-view.js";
import type { TrendsView as Trends } from "../../src/services/trends.js";
import { showTrends } from "./components/trend-view.js";
import { ACTION_PLAN_TEXTS, actionPlanPanel } from "./lib/action-plan.js";
import { ANALYSES_TEXTS, analysesPanel } from "./lib/analyses.js";
import type { Charts } from "./lib/charts.js";
import { drawDesired } from "./lib/desired-chart.js";
import { DIAGNOSIS_TEXTS } from "./lib/diagnosis-texts.js";
import { drawFactors } from "./lib/factor-chart.js";
import { HEATMAP_TEXTS } from "./lib/heatmap.js";
import { drawHeatmap } from "./lib/heatmap-section.js";
import { type Participation, PARTICIPATION_TEXTS, participationPanel } from "./lib/participation.js";
import { PRINT_TEXTS, setPrintPages } from "./lib/print.js";
import { drawDetails } from "./lib/report-details.js";
import {
  chosenFilters,
  fillFilters as fillFilterPickers,
  type FilterDimension,
  FILTERS,
  filterSelect,
  filterText,
  showFilters as showFilterPickers,
} from "./lib/report-filters.js";
import type { Report } from "./lib/report-types.js";
import { drawFacts, pageOf } from "./lib/round-facts.js";
import { drawStaircase } from "./lib/staircase.js";
import {
  $,
  api,
  createTexts,
  errorMessage,
  fillSelect,
  type Lang,
  type Loc,
  logout,
  LOGOUT_EVERYWHERE_TEXT,
  logoutEverywhere,
} from "./lib/ui.js";

type Campaign = CampaignView;
interface Organisation {
  id: string;
  name: string;
  campaigns: Campaign[];
}

const T: Record<string, Loc> = {
  appName: { nl: "Klantgerichtheid", en: "Customer-centricity" },
  organisation: { nl: "Organisatie", en: "Organisation" },
  campaign: { nl: "Ronde", en: "Round" },
  filterRole: { nl: "Rol", en: "Role" },
  filterDepartment: { nl: "Afdeling", en: "Department" },
  filterTenure: { nl: "Diensttijd", en: "Tenure" },
  all_role: { nl: "Alle rollen", en: "All roles" },
  all_department: { nl: "Alle afdelingen", en: "All departments" },
  all_tenure: { nl: "Elke diensttijd", en: "Any tenure" },
  csv: { nl: "Excel (CSV)", en: "Excel (CSV)" },
  csvData: { nl: "Data (CSV)", en: "Data (CSV)" },
  print: { nl: "PDF / afdrukken", en: "PDF / print" },
  pdfHint: {
    nl: "Rapport als PDF voor de klant: kies ‘PDF / afdrukken’ en dan als printer ‘Opslaan als PDF’. Elke pagina (A4) noemt organisatie, ronde, filter, datum en paginanummer.",
    en: "A PDF report for the client: choose ‘PDF / print’, then ‘Save as PDF’ as the printer. Every page (A4) names the organisation, round, filter, date and page number.",
  },
  logout: { nl: "Uitloggen", en: "Log out" },
  logoutEverywhere: LOGOUT_EVERYWHERE_TEXT,
  staircase: { nl: "De zeven niveaus, van boven naar beneden", en: "The seven levels, top-down" },
  startHere: { nl: "Hier moet de verandering beginnen", en: "Where change has to start" },
  ruleNote: {
    nl: "Regel: het hoogste niveau dat zwak is (de hele marge onder de drempel) of verdeeld (medewerkers vallen op een vraag in twee kampen). Elk niveau wordt aangestuurd door het niveau erboven. Wijst geen niveau zich aan, dan het grootste verschil met hoe het zou moeten zijn. Onder 30 respondenten is het een aanwijzing.",
    en: "Rule: the top-most level that is weak (its whole margin below the threshold) or divided (staff fall into two camps on a question). Each level is organised by the one above it. With no level flagged, the largest gap to how it should be. Under 30 respondents it is a pointer.",
  },
  heatDepartment: { nl: "Niveaus per afdeling", en: "Levels by department" },
  heatRole: { nl: "Niveaus per rol", en: "Levels by role" },
  asTable: { nl: "Als tabel", en: "As a table" },
  factors: { nl: "Waar medewerkers een uitzondering op baseren", en: "What staff base an exception on" },
  gap: { nl: "Management tegenover medewerkers", en: "Management versus staff" },
  climate: { nl: "Beslisklimaat", en: "Decision climate" },
  comments: { nl: "Opmerkingen (willekeurige volgorde, zonder datum)", en: "Comments (random order, no dates)" },
  respondents: { nl: "{n} respondenten · minimale groep k = {k}", en: "{n} respondents · minimum group k = {k}" },
  suppressed: { nl: "minder dan k respondenten", en: "fewer than k respondents" },
  agreement: { nl: "overeenstemming", en: "agreement" },
  splitOn: { nl: "twee kampen op", en: "two camps on" },
  noComments: {
    nl: "Opmerkingen worden alleen getoond voor de hele ronde of één afdeling, met minstens {k} respondenten.",
    en: "Comments are shown only for the whole round or one department, with at least {k} respondents.",
  },
  noGap: { nl: "Niet te tonen: een van beide groepen is te klein.", en: "Not shown: one of the groups is too small." },
  wholeRound: {
    nl: "Deze ronde is beantwoord via een open link: daar kan iedereen vaker antwoorden, dus de resultaten staan alleen voor de ronde als geheel, zonder uitsplitsing naar afdeling of rol. Met eenmalige codes krijgt een volgende ronde wel uitsplitsingen.",
    en: "This round was answered on an open link, where anyone can answer more than once, so its results are shown for the round as a whole, without breakdowns by department or role. A next round on single-use codes gets breakdowns.",
  },
  tooSmall: {
    nl: "Deze ronde heeft nog minder dan {k} respondenten: er is niets te tonen.",
    en: "This round has fewer than {k} respondents so far: nothing can be shown.",
  },
  refused_too_small: {
    nl: "Dit filter wordt geweigerd om de anonimiteit te beschermen: minder dan k respondenten.",
    en: "This filter is refused to protect anonymity: fewer than k respondents.",
  },
  refused_hidden_unit: {
    nl: "Dit filter wordt geweigerd om de anonimiteit te beschermen: deze groep is verborgen, omdat zij samen met wat wel getoond wordt de antwoorden van minder dan k mensen zou prijsgeven.",
    en: "This filter is refused to protect anonymity: this group is hidden, because together with what is shown it would tell the answers of fewer than k people.",
  },
  refused_not_offered: {
    nl: "Dit filter wordt geweigerd: de resultaten zijn er voor de hele ronde, per afdeling, rol of diensttijd en per afdeling en rol, niet voor deze combinatie.",
    en: "This filter is refused: results are published for the whole round, per department, role or tenure, and per department and role, not for this combination.",
  },
  refused_campaign_level_only: {
    nl: "Deze ronde liep via een open link: de resultaten zijn er alleen voor de ronde als geheel.",
    en: "This round ran on an open link: its results are published for the round as a whole only.",
  },
  refused_outside_scope: {
    nl: "U heeft toegang tot de ronde als geheel en tot uw eigen afdelingen, niet tot deze groep.",
    en: "You have access to the round as a whole and to your own departments, not to this group.",
  },
  legendOk: { nl: "in orde", en: "in order" },
  legendWeak: { nl: "zwak", en: "weak" },
  legendPossiblyWeak: { nl: "mogelijk zwak", en: "possibly weak" },
  legendDivided: { nl: "verdeeld (twee kampen)", en: "divided (two camps)" },
  legendStart: { nl: "hier beginnen", en: "start here" },
  status_draft: { nl: "concept", en: "draft" },
  status_open: { nl: "loopt", en: "running" },
  status_closed: { nl: "gesloten", en: "closed" },
  released: { nl: "vrijgegeven op {date}", en: "released on {date}" },
  period: { nl: "{from} – {to}", en: "{from} – {to}" },
  response: { nl: "respons {pct}%", en: "response rate {pct}%" },
  printHead: {
    nl: "{organisation} · {round} · {filter} · afgedrukt op {date}",
    en: "{organisation} · {round} · {filter} · printed on {date}",
  },
  noFilter: { nl: "alle respondenten", en: "all respondents" },
  filtered: { nl: "Filter: {filter}", en: "Filter: {filter}" },
  dimension_department: { nl: "afdeling", en: "department" },
  dimension_role: { nl: "rol", en: "role" },
  dimension_tenure: { nl: "diensttijd", en: "tenure" },
  reportTitle: { nl: "Rapport", en: "Report" },
  noCampaigns: { nl: "Er zijn nog geen rondes.", en: "There are no rounds yet." },
  unit: { nl: "Eenheid", en: "Unit" },
  level: { nl: "Niveau", en: "Level" },
  chosen: { nl: "Noemt dit", en: "Names it" },
  most: { nl: "Weegt het zwaarst", en: "Weighs most" },
  system: { nl: "Systeem", en: "System" },
  heart: { nl: "Hart / klant", en: "Heart / customer" },
  management: { nl: "Management", en: "Management" },
  staff: { nl: "Medewerkers", en: "Staff" },
  benchmark: { nl: "benchmark", en: "benchmark" },
  benchmarkOfSet: {
    nl: "Benchmark (streepje op elke balk): normset van {date}, het gemiddelde van {organisations} organisaties, elk met hun laatste vrijgegeven ronde.",
    en: "Benchmark (the tick on each bar): norm set of {date}, the mean of {organisations} organisations, each with its latest released round.",
  },
  benchmarkForManager: {
    nl: "Benchmark (streepje op elke balk): het gemiddelde van de andere organisaties in de normset van uw adviseur; uw eigen organisatie telt niet mee.",
    en: "Benchmark (the tick on each bar): the mean of the other organisations in your consultant's norm set; your own organisation is left out.",
  },
  noBenchmark: {
    nl: "Nog geen benchmark: publiceer in de werkruimte een normset zodra minstens vijf organisaties een vrijgegeven ronde hebben die k bereikte.",
    en: "No benchmark yet: publish a norm set in the workspace once at least five organisations have a released round that reached k.",
  },
  desired: { nl: "Hoe het is en hoe het zou moeten zijn", en: "How it is and how it should be" },
  current: { nl: "Nu", en: "Now" },
  wanted: { nl: "Gewenst", en: "Desired" },
  noDesired: {
    nl: "Deze ronde vroeg niet naar de gewenste situatie.",
    en: "This round did not ask about the desired state.",
  },
  trend: { nl: "Ontwikkeling over de rondes", en: "Change across rounds" },
  change: { nl: "Verandering", en: "Change" },
  sharedBasis: { nl: "op de {n} vragen die beide versies delen", en: "on the {n} items both versions share" },
  before: { nl: "Vorige", en: "Before" },
  after: { nl: "Laatste", en: "Latest" },
  trendNote: {
    nl: "Laatste ronde tegenover de vorige. Verbeterd of verslechterd alleen als de verandering significant is na Holm-correctie over de niveaus (Welch-t-toets, p < 0,05) én minstens {min} punten is. Rondes op verschillende versies van de vragenlijst vergelijken een niveau op de vragen die beide versies delen. Alleen rondes met minstens k respondenten.",
    en: "Latest round against the one before. Improved or declined only when the change is significant after Holm correction across the levels (Welch's t-test, p < 0.05) and at least {min} points. Rounds on different versions of the questionnaire compare a level on the items both versions share. Only rounds with at least k respondents.",
  },
  workspace: { nl: "Werkruimte", en: "Workspace" },
  factor: { nl: "Beslisfactor", en: "Decision factor" },
  verdict: { nl: "Oordeel", en: "Verdict" },
};

const texts = createTexts({
  ...T,
  ...PARTICIPATION_TEXTS,
  ...ANALYSES_TEXTS,
  ...DIAGNOSIS_TEXTS,
  ...HEATMAP_TEXTS,
  ...PRINT_TEXTS,
  ...ACTION_PLAN_TEXTS,
});
const t = texts.t.bind(texts);
/** After the results: the released round's action plan and its link for staff (lib/action-plan.ts). */
const plan = actionPlanPanel($("action-plan"), t, () => texts.lang);
let organisations: Organisation[] = [];
let current: { report: Report; role: Report | null } | null = null;
/** The round whose answer the page shows (figures, participation or a refusal): its title heads the page. */
let shown: Campaign | null = null;
/** What #message says, kept as a key and its values so it follows a language switch; raw text only for what the page has no words for. */
let message: { key: string; vars?: Record<string, string | number> } | { text: string } | null = null;
/** The filter the server refused for the round shown: named under the title with the refusal. */
let refusedFilters: Partial<Record<FilterDimension, string>> | null = null;
/** The selected round while it runs: it has participation, not results. */
let running: Participation | null = null;
let trends: Trends | null = null;
/** Consultants are told where a benchmark comes from, or that there is none yet. */
let isConsultant = false;
const charts: Charts = new Map();

const fillFilters = () => fillFilterPickers(selectedCampaign(), texts);
const showFilters = (shown: boolean) => showFilterPickers(selectedCampaign(), shown);

function render(): void {
  texts.apply();
  // Title, tab title (Chromium proposes it as the PDF's file name), filter line and message are the
  // round's shown now, in the page's language: reset here, never left from another round or filter.
  const organisation = organisations.find((o) => o.campaigns.some((c) => c.id === shown?.id));
  const filters = current ? current.report.filters : (refusedFilters ?? {});
  const filter = filterText(filters, shown, texts);
  $("title").textContent = shown?.title ?? "";
  document.title = shown
    ? [organisation?.name ?? "", shown.title, ...(filter && current && !current.report.suppressed ? [filter] : [])]
        .filter(Boolean)
        .join(" · ")
    : t("reportTitle");
  $("applied-filter").textContent = filter ? t("filtered", { filter }) : "";
  $("applied-filter").hidden = !filter || running !== null;
  const said = $("message");
  said.textContent = message === null ? "" : "text" in message ? message.text : t(message.key, message.vars);
  said.hidden = message === null;
  // The round's facts and the print's header are redrawn with its figures, never left from another round.
  $("round-facts").textContent = "";
  $("print-head").textContent = "";
  $("respondents").textContent = "";
  $("whole-round").hidden = true;
  setPrintPages("", pageOf(texts));
  for (const [id, title] of [
    ["heat-department", "heatDepartment"],
    ["heat-role", "heatRole"],
  ] as const)
    drawHeatmap(id, title, null, [], texts);
  void plan.show(!running && current && !current.report.suppressed ? current.report.campaign.id : null);
  drawTrends();
  $("participation").hidden = running === null;
  $("results").hidden = running !== null;
  $("csv").hidden = running !== null;
  $("csv-data").hidden = running !== null;
  // A running round has nothing to filter.
  showFilters(running === null);
  if (running) {
    $("participation").replaceChildren(...participationPanel(running, t, texts.lang));
    return;
  }
  // No figure ever stays on the page under another round's or filter's title.
  if (!current) {
    $("results").hidden = true;
    return;
  }
  const { report } = current;
  $("results").hidden = report.suppressed;
  if (report.suppressed) {
    said.hidden = false;
    said.textContent = t("tooSmall", { k: report.campaign.k });
    return;
  }
  $("respondents").textContent = t("respondents", { n: report.n ?? 0, k: report.campaign.k });
  drawFacts(report, filter, { round: shown, organisation: organisation?.name ?? "" }, texts);
  const wholeRound = report.campaign.publishes === "whole_round";
  showFilters(!wholeRound);
  $("whole-round").hidden = !wholeRound;
  for (const id of ["heat-department", "heat-role"]) $(id).closest("section")!.hidden = wholeRound;
  drawStaircase(report, texts, isConsultant);
  drawHeatmap("heat-department", "heatDepartment", report, report.levels, texts);
  drawHeatmap(
    "heat-role",
    "heatRole",
    current.role && !current.role.suppressed ? current.role : null,
    report.levels,
    texts,
  );
  drawFactors(report, texts, charts);
  drawDesired(report, texts, charts);
  drawDetails(report, texts);
  $("analyses").replaceChildren(...analysesPanel(report, t, texts.lang));
}

function selectedCampaign(): Campaign | undefined {
  const org = organisations.find((o) => o.id === ($("organisation") as HTMLSelectElement).value);
  return org?.campaigns.find((c) => c.id === ($("campaign") as HTMLSelectElement).value);
}

/** The latest round against the one before, every level in one chart (components/trend-view.tsx). */
function drawTrends(): void {
  const names = new Map(
    (current && !current.report.suppressed ? current.report.levels : []).map((l) => [
      l.id as string,
      l.name[texts.lang],
    ]),
  );
  $("trend-card").hidden = !showTrends($("trend-view"), {
    trends,
    t,
    levelName: (id) => names.get(id) ?? id,
    charts,
    steps: "latest",
  });
}

/** Which trends load is the latest: another organisation's trends never stay, nor arrive late, beside this one's round. */
let trendLoads = 0;

async function loadTrends(): Promise<void> {
  const load = ++trendLoads;
  const id = ($("organisation") as HTMLSelectElement).value;
  trends = null;
  drawTrends();
  const res = id ? await api<Trends>(`/api/organisations/${id}/trends`) : null;
  const answer = res?.status === 200 ? res.body : null;
  if (load !== trendLoads) return;
  trends = answer;
  drawTrends();
}

/** Which load is the latest: an answer to an earlier one (another round, another filter) is dropped. */
let loads = 0;

async function loadReport(): Promise<void> {
  const load = ++loads;
  const campaign = selectedCampaign();
  if (!campaign) {
    current = null;
    running = null;
    shown = null;
    refusedFilters = null;
    message = { key: "noCampaigns" };
    render();
    return;
  }
  const chosen = chosenFilters();
  const filter = Object.entries(chosen)
    .map(([d, value]) => `&filter[${d}]=${encodeURIComponent(value)}`)
    .join("");
  const base = `/api/campaigns/${campaign.id}/report`;
  const [byDepartment, byRole] = await Promise.all([
    api<Report & { error?: { code: string; message: string; details?: { message: string }[] } }>(
      `${base}?dimension=department${filter}`,
    ),
    api<Report>(`${base}?dimension=role${filter}`),
  ]);
  if (load !== loads) return;
  ($("csv-data") as HTMLAnchorElement).href = `${base}.csv?dimension=department${filter}`;
  setSpreadsheetLink();
  running = null;
  current = null;
  shown = campaign;
  refusedFilters = null;
  message = null;
  if (byDepartment.body.error?.code === "results_not_released") {
    const taking = await api<Participation>(`/api/campaigns/${campaign.id}/participation`);
    if (load !== loads) return;
    if (taking.status === 200) running = taking.body;
    else message = { text: errorMessage(taking.body, taking.status) };
    render();
    return;
  }
  if (byDepartment.status !== 200) {
    message = refusal(byDepartment.body.error, byDepartment.status);
    refusedFilters = chosen;
    render();
    return;
  }
  current = { report: byDepartment.body, role: byRole.status === 200 ? byRole.body : null };
  render();
}

function fillCampaigns(): void {
  const org = organisations.find((o) => o.id === ($("organisation") as HTMLSelectElement).value);
  fillSelect(
    $("campaign") as HTMLSelectElement,
    (org?.campaigns ?? []).map((c) => ({ value: c.id, label: `${c.title} (${c.respondents})` })),
  );
  fillFilters();
}

/** A refused filter or other error as a key in the page's language; the server's English message only for what the page does not know. */
function refusal(
  error: { code: string; message: string; details?: { message: string }[] } | undefined,
  status: number,
): NonNullable<typeof message> {
  const reason = error?.code === "filter_refused" ? error.details?.[0]?.message : undefined;
  if (reason && T[`refused_${reason}`]) return { key: `refused_${reason}` };
  return { text: error?.message ?? `${status}` };
}

/** The spreadsheet CSV follows the page's language (names, decimal commas); the data CSV stays as the API gives it. */
function setSpreadsheetLink(): void {
  const data = ($("csv-data") as HTMLAnchorElement).getAttribute("href") ?? "#";
  ($("csv") as HTMLAnchorElement).href = data === "#" ? "#" : `${data}&spreadsheet=${texts.lang}`;
}

/** Listeners come first: a choice made while the page is still loading must not be lost. */
function listen(): void {
  $("organisation").addEventListener("change", () => {
    fillCampaigns();
    void loadReport();
    void loadTrends();
  });
  $("campaign").addEventListener("change", () => {
    fillFilters();
    void loadReport();
  });
  for (const d of FILTERS) filterSelect(d).addEventListener("change", () => void loadReport());
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
    b.addEventListener("click", () => {
      texts.setLang(b.dataset.lang as Lang);
      setSpreadsheetLink();
      fillFilters();
      render();
    });
  }
  $("print").addEventListener("click", () => window.print());
  $("logout").addEventListener("click", () => void logout());
  $("logout-everywhere").addEventListener("click", () => void logoutEverywhere());
}

async function start(): Promise<void> {
  listen();
  render();
  organisations = (await api<Organisation[]>("/api/organisations")).body;
  fillSelect(
    $("organisation") as HTMLSelectElement,
    organisations.map((o) => ({ value: o.id, label: o.name })),
  );
  fillCampaigns();
  // A link from the workspace names the campaign to open.
  const wanted = new URLSearchParams(location.search).get("campaign");
  const owner = organisations.find((o) => o.campaigns.some((c) => c.id === wanted));
  if (owner) {
    ($("organisation") as HTMLSelectElement).value = owner.id;
    fillCampaigns();
    ($("campaign") as HTMLSelectElement).value = wanted!;
    fillFilters();
  }
  const me = (await api<{ user?: { role: string } }>("/api/me")).body;
  isConsultant = me.user?.role === "consultant";
  $("workspace-link").hidden = !isConsultant;
  await loadReport();
  await loadTrends();
}

void start();
