/**
 * The management dashboard: picks an organisation and campaign, then draws the report —
 * the seven levels as a top-down staircase with the start-here level, heatmaps by department
 * and role (suppressed cells greyed), the decision-factor mix with its headline, the gap
 * between management and staff, and comments. Every chart has a table alternative. This file
 * holds the page's words and state (which round, filter and answer are shown) and wires the
 * sections together; each section is its own module under lib/ and components/.
 */
import type { OrganisationListing } from "../../src/routes/organisations.js";
import type { CampaignView } from "../../src/schemas/campaign-view.js";
import type { TrendsView as Trends } from "../../src/services/trends.js";
import { showTrends } from "./components/trend-view.js";
import { actionPlanPanel } from "./lib/action-plan.js";
import { analysesPanel } from "./lib/analyses.js";
import type { Charts } from "./lib/charts.js";
import { drawDesired } from "./lib/desired-chart.js";
import { type ErrorBody, errorText } from "./lib/errors.js";
import { drawFactors } from "./lib/factor-chart.js";
import { drawHeatmap } from "./lib/heatmap-section.js";
import { type Participation, participationPanel } from "./lib/participation.js";
import { setPrintPages } from "./lib/print.js";
import { drawDetails } from "./lib/report-details.js";
import {
  chosenFilters,
  fillFilters as fillFilterPickers,
  type FilterDimension,
  FILTERS,
  filterSelect,
  filterText,
  nestFilters,
  showFilters as showFilterPickers,
} from "./lib/report-filters.js";
import type { Report } from "./lib/report-types.js";
import { drawFacts, pageOf } from "./lib/round-facts.js";
import { drawStaircase } from "./lib/staircase.js";
import { $, api, createTexts, fillSelect, type Lang, logout, logoutEverywhere } from "./lib/ui.js";

type Campaign = CampaignView;
type Organisation = OrganisationListing;

const texts = createTexts();
const t = texts.t.bind(texts);
/** After the results: the released round's action plan and its link for staff (lib/action-plan.ts). */
const plan = actionPlanPanel($("action-plan"), t, () => texts.lang);
let organisations: Organisation[] = [];
let current: { report: Report; role: Report | null; location: Report | null } | null = null;
/** The round whose answer the page shows (figures, participation or a refusal): its title heads the page. */
let shown: Campaign | null = null;
/** What #message says, kept as a key and its values so it follows a language switch; raw text only for what the page has no words for. */
let message: (() => string) | null = null;
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
  said.textContent = message?.() ?? "";
  said.hidden = message === null;
  // The round's facts and the print's header are redrawn with its figures, never left from another round.
  $("round-facts").textContent = "";
  $("print-head").textContent = "";
  $("respondents").textContent = "";
  $("whole-round").hidden = true;
  setPrintPages("", pageOf(texts));
  for (const [id, title] of [
    ["heat-department", "heatDepartment"],
    ["heat-location", "heatLocation"],
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
  $("respondents").textContent = t("dashboard.respondents", { n: report.n ?? 0, k: report.campaign.k });
  drawFacts(report, filter, { round: shown, organisation: organisation?.name ?? "" }, texts);
  const wholeRound = report.campaign.publishes === "whole_round";
  showFilters(!wholeRound);
  $("whole-round").hidden = !wholeRound;
  // Tables the plan gave up whole: said, so a missing breakdown is not mistaken for a fault.
  const withheld = report.campaign.withheld;
  $("withheld").hidden = withheld.length === 0;
  $("withheld").textContent =
    withheld.length === 0 ? "" : t("withheld", { tables: withheld.map((table) => t(`table.${table}`)).join(", ") });
  const byLocation = current.location && !current.location.suppressed ? current.location : null;
  for (const [id, hidden] of [
    ["heat-department", wholeRound],
    ["heat-location", wholeRound || !byLocation?.heatmap],
    ["heat-role", wholeRound],
  ] as const) {
    const section = $(id).closest("section");
    if (section) section.hidden = hidden;
  }
  drawStaircase(report, texts, isConsultant);
  drawHeatmap("heat-department", "heatDepartment", report, report.levels, texts);
  drawHeatmap("heat-location", "heatLocation", byLocation, report.levels, texts);
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
    message = () => t("noCampaigns");
    render();
    return;
  }
  const chosen = chosenFilters();
  const filter = Object.entries(chosen)
    .map(([d, value]) => `&filter[${d}]=${encodeURIComponent(value)}`)
    .join("");
  const base = `/api/campaigns/${campaign.id}/report`;
  // Locations only where the round nests its departments in them.
  const [byDepartment, byRole, byLocation] = await Promise.all([
    api<Report & Partial<ErrorBody>>(`${base}?dimension=department${filter}`),
    api<Report>(`${base}?dimension=role${filter}`),
    campaign.units.location?.length ? api<Report>(`${base}?dimension=location${filter}`) : null,
  ]);
  if (load !== loads) return;
  ($("csv-data") as HTMLAnchorElement).href = `${base}.csv?dimension=department${filter}`;
  setSpreadsheetLink();
  running = null;
  current = null;
  shown = campaign;
  refusedFilters = null;
  message = null;
  // Running, being released, or due with a release attempt that made none: participation says where it stands.
  const code = byDepartment.body.error?.code;
  if (code === "results_not_released" || code === "release_retrying" || code === "release_running") {
    const taking = await api<Participation>(`/api/campaigns/${campaign.id}/participation`);
    if (load !== loads) return;
    if (taking.status === 200) running = taking.body;
    else message = () => errorText(t, taking);
    render();
    return;
  }
  if (byDepartment.status !== 200) {
    message = () => errorText(t, byDepartment);
    refusedFilters = chosen;
    render();
    return;
  }
  current = {
    report: byDepartment.body,
    role: byRole.status === 200 ? byRole.body : null,
    location: byLocation?.status === 200 ? byLocation.body : null,
  };
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
  nestFilters();
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
  if (owner && wanted) {
    ($("organisation") as HTMLSelectElement).value = owner.id;
    fillCampaigns();
    ($("campaign") as HTMLSelectElement).value = wanted;
    fillFilters();
  }
  const me = (await api<{ user?: { role: string } }>("/api/me")).body;
  isConsultant = me.user?.role === "consultant";
  $("workspace-link").hidden = !isConsultant;
  await loadReport();
  await loadTrends();
}

void start();
