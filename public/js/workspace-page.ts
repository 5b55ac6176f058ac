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
import { auditPanel } from "./lib/audit-panel.js";
import type { Charts } from "./lib/charts.js";
import { codesPanel } from "./lib/codes-panel.js";
import { comparisonPanel } from "./lib/comparison-panel.js";
import { dataProtectionPanel } from "./lib/data-protection.js";
import { instrumentPreview } from "./lib/instrument-preview.js";
import { instrumentUpload } from "./lib/instrument-upload.js";
import { instrumentsList } from "./lib/instruments-list.js";
import { managersPanel } from "./lib/managers-panel.js";
import { normsPanel } from "./lib/norms-panel.js";
import { portfolioPanel } from "./lib/portfolio-panel.js";
import { roundForm } from "./lib/round-form.js";
import { staffInvitationsPanel } from "./lib/staff-invitations.js";
import { structureImport } from "./lib/structure-import.js";
import { $, api, createTexts, type Lang, logout, logoutEverywhere } from "./lib/ui.js";

const texts = createTexts();
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
    ]).then(() => rounds.prefillStructure()),
  closed: () => norms.load(),
});
const rounds = roundForm(t, {
  say,
  saved: () => portfolio.load(),
  showCodeHint,
  roundsOf: (organisationId) => portfolio.campaigns().filter((c) => c.organisationId === organisationId),
});
structureImport(t, texts.lang);
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
