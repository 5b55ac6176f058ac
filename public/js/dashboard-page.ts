/**
 * The management dashboard: picks an organisation and campaign, then draws the report —
 * the seven levels as a top-down staircase with the start-here level, heatmaps by department
 * and role (suppressed cells greyed), the decision-factor mix with its headline, the gap
 * between management and staff, and comments. Every chart has a table alternative.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type Plugin } from "chart.js";
import { MatrixController, MatrixElement } from "chartjs-chart-matrix";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, MatrixController, MatrixElement);

type Lang = "nl" | "en";
type Loc = Record<Lang, string>;
interface Level { id: string; name: Loc; n: number; score: number; ci95: [number, number]; sd: number; favourablePct: number; unfavourablePct: number; weak: boolean; divided: boolean }
interface HeatRow { value: string; label: Loc; n: number | null; suppressed: boolean; scores: Record<string, number> | null }
interface Report {
  campaign: { id: string; title: string; k: number; kComments: number };
  suppressed: boolean;
  n: number | null;
  levels: Level[];
  startHere: { level: string | null; lowest?: string; reason?: string; explanation: Loc } | null;
  heatmap: { dimension: string; rows: HeatRow[] } | null;
  decisionFactors: { factors: { id: string; side: string; label: Loc; chosenPct: number; mostPct: number }[]; groups: Record<string, { chosenPct: number; mostPct: number }>; headline: Loc } | null;
  climate: { id: string; score: number; n: number }[];
  managementGap: { level: string; management: number; staff: number; gap: number }[] | null;
  comments: string[] | null;
}
interface Campaign { id: string; title: string; status: string; respondents: number; units: Record<string, { value: string; label: Loc }[]> }
interface Organisation { id: string; name: string; campaigns: Campaign[] }

const T: Record<string, Loc> = {
  appName: { nl: "Klantgerichtheid", en: "Customer-centricity" },
  organisation: { nl: "Organisatie", en: "Organisation" },
  campaign: { nl: "Ronde", en: "Round" },
  filterRole: { nl: "Rol", en: "Role" },
  allRoles: { nl: "Alle rollen", en: "All roles" },
  csv: { nl: "CSV downloaden", en: "Download CSV" },
  print: { nl: "Afdrukken / PDF", en: "Print / PDF" },
  logout: { nl: "Uitloggen", en: "Log out" },
  staircase: { nl: "De zeven niveaus, van boven naar beneden", en: "The seven levels, top-down" },
  startHere: { nl: "Hier moet de verandering beginnen", en: "Where change has to start" },
  ruleNote: {
    nl: "Regel: het hoogste niveau dat zwak (score onder de drempel) of verdeeld (medewerkers oneens) is. Elk niveau wordt aangestuurd door het niveau erboven.",
    en: "Rule: the top-most level that is weak (score below the threshold) or divided (staff disagree). Each level is organised by the one above it.",
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
  weak: { nl: "zwak", en: "weak" },
  divided: { nl: "verdeeld", en: "divided" },
  noComments: { nl: "Opmerkingen worden pas getoond bij minstens {k} respondenten in de groep.", en: "Comments are shown only for groups of at least {k} respondents." },
  noGap: { nl: "Niet te tonen: een van beide groepen is te klein.", en: "Not shown: one of the groups is too small." },
  tooSmall: { nl: "Deze ronde heeft nog minder dan {k} respondenten: er is niets te tonen.", en: "This round has fewer than {k} respondents so far: nothing can be shown." },
  noCampaigns: { nl: "Er zijn nog geen rondes.", en: "There are no rounds yet." },
  unit: { nl: "Eenheid", en: "Unit" },
  level: { nl: "Niveau", en: "Level" },
  chosen: { nl: "Noemt dit", en: "Names it" },
  most: { nl: "Weegt het zwaarst", en: "Weighs most" },
  system: { nl: "Systeem", en: "System" },
  heart: { nl: "Hart / klant", en: "Heart / customer" },
  management: { nl: "Management", en: "Management" },
  staff: { nl: "Medewerkers", en: "Staff" },
  mandate: { nl: "Ruimte om af te wijken", en: "Room to deviate" },
  accountability_fear: { nl: "Angst om afgerekend te worden", en: "Fear of being held to account" },
  equal_treatment: { nl: "Uitzondering alleen als het voor iedereen kan", en: "An exception only if possible for all" },
};

let lang: Lang = (localStorage.getItem("lang") as Lang) || (navigator.language.startsWith("en") ? "en" : "nl");
let organisations: Organisation[] = [];
let current: { report: Report; role: Report | null } | null = null;
const charts = new Map<string, Chart>();
const $ = (id: string) => document.getElementById(id)!;
const t = (key: string, vars: Record<string, string | number> = {}) => (T[key]?.[lang] ?? key).replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? ""));
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text; // text only: names from the database never become HTML
  if (cls) node.className = cls;
  return node;
};

async function api<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(path, { headers: { accept: "application/json" } });
  if (res.status === 401) {
    location.href = "/login";
    return new Promise(() => {}); // the page is leaving; nothing after this should run

  }
  return { status: res.status, body: (await res.json()) as T };
}

function table(head: string[], rows: (string | number)[][]): HTMLTableElement {
  const tbl = el("table");
  const tr = el("tr");
  head.forEach((h, i) => tr.append(Object.assign(el("th", h, i > 0 ? "num" : undefined), { scope: "col" })));
  tbl.append(el("thead"), el("tbody"));
  tbl.tHead!.append(tr);
  for (const row of rows) {
    const r = el("tr");
    row.forEach((cell, i) => r.append(el("td", String(cell), i > 0 ? "num" : undefined)));
    tbl.tBodies[0]!.append(r);
  }
  return tbl;
}

function colour(score: number): string {
  // Red (0) → amber (50) → green (100).
  const hue = Math.max(0, Math.min(120, (score / 100) * 120));
  return `hsl(${hue}, 55%, 52%)`;
}

const cellLabels: Plugin<"matrix"> = {
  id: "cellLabels",
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const meta = chart.getDatasetMeta(0);
    const data = chart.data.datasets[0]!.data as unknown as { v: number | null }[];
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.font = "12px system-ui, sans-serif";
    meta.data.forEach((element, i) => {
      // Matrix cells are anchored at their top-left corner.
      const { x, y, width, height } = element.getProps(["x", "y", "width", "height"], true) as { x: number; y: number; width: number; height: number };
      const v = data[i]!.v;
      ctx.fillStyle = v === null ? "#374151" : "#111";
      ctx.fillText(v === null ? "< k" : String(Math.round(v)), x + width / 2, y + height / 2);
    });
    ctx.restore();
  },
};

function drawHeatmap(id: string, report: Report | null, levels: Level[]): void {
  charts.get(id)?.destroy();
  const holder = $(`${id}-table`);
  holder.replaceChildren();
  if (!report?.heatmap) return;
  const rows = report.heatmap.rows.filter((r) => r.n !== 0);
  const xs = rows.map((r) => r.label[lang]);
  const ys = levels.map((l) => l.name[lang]);
  const data = rows.flatMap((r) => levels.map((l) => ({ x: r.label[lang], y: l.name[lang], v: r.suppressed ? null : (r.scores?.[l.id] ?? null) })));
  const canvas = $(id) as HTMLCanvasElement;
  canvas.setAttribute("aria-label", `${t(id === "heat-role" ? "heatRole" : "heatDepartment")}: ${t("asTable")}`);
  charts.set(
    id,
    new Chart(canvas, {
      type: "matrix",
      data: {
        datasets: [
          {
            label: "score",
            data: data as never,
            backgroundColor: (ctx) => {
              const v = (ctx.raw as { v: number | null } | undefined)?.v;
              return v === null || v === undefined ? "#d1d5db" : colour(v);
            },
            borderColor: "#fff",
            borderWidth: 1,
            width: ({ chart }) => (chart.chartArea?.width ?? 0) / xs.length - 2,
            height: ({ chart }) => (chart.chartArea?.height ?? 0) / ys.length - 2,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (ctx) => { const r = ctx.raw as { x: string; y: string; v: number | null }; return `${r.x} · ${r.y}: ${r.v === null ? t("suppressed") : r.v}`; } } },
        },
        scales: {
          x: { type: "category", labels: xs, offset: true, grid: { display: false }, position: "top" },
          // Mission on top, context at the bottom, as in the staircase (the matrix y axis grows upwards).
          y: { type: "category", labels: [...ys].reverse(), offset: true, grid: { display: false } },
        },
      },
      plugins: [cellLabels],
    }),
  );
  holder.append(
    table(
      [t("unit"), "n", ...levels.map((l) => l.name[lang])],
      report.heatmap.rows.map((r) => [r.label[lang], r.suppressed ? t("suppressed") : String(r.n), ...levels.map((l) => (r.suppressed ? "–" : (r.scores?.[l.id] ?? "–")))]),
    ),
  );
}

function drawStaircase(report: Report): void {
  const list = $("staircase");
  list.replaceChildren();
  report.levels.forEach((l, i) => {
    const li = el("li");
    li.style.marginLeft = `${i * 0.9}rem`; // each step sits one step lower: the staircase
    if (l.weak) li.classList.add("weak");
    if (l.divided) li.classList.add("divided");
    if (report.startHere?.level === l.id) li.classList.add("start");
    const bar = el("div", undefined, "bar");
    const fill = el("span");
    fill.style.width = `${l.score}%`;
    bar.append(fill);
    li.append(el("span", `${i + 1}. ${l.name[lang]}`), bar, el("strong", String(Math.round(l.score))));
    const flags = [l.weak && t("weak"), l.divided && t("divided")].filter(Boolean).join(", ");
    li.append(el("span", `95%: ${l.ci95[0]}–${l.ci95[1]} · SD ${l.sd} · + ${l.favourablePct}% / − ${l.unfavourablePct}%${flags ? ` · ${flags}` : ""}`, "flags"));
    list.append(li);
  });
  const start = report.startHere;
  const target = report.levels.find((l) => l.id === (start?.level ?? start?.lowest));
  $("start-level").textContent = target ? `${target.name[lang]}${start?.reason ? ` (${t(start.reason)})` : ""}` : "–";
  $("start-explanation").textContent = start?.explanation[lang] ?? "";
}

function drawFactors(report: Report): void {
  charts.get("factors")?.destroy();
  const mix = report.decisionFactors;
  $("factors-headline").textContent = mix?.headline[lang] ?? "";
  const split = $("split");
  split.replaceChildren();
  $("factors-table").replaceChildren();
  if (!mix) return;
  const sys = mix.groups.system!.mostPct;
  const heart = mix.groups.heart!.mostPct;
  const a = el("div", `${t("system")} ${Math.round(sys)}%`, "system");
  a.style.width = `${Math.max(sys, 8)}%`;
  const b = el("div", `${t("heart")} ${Math.round(heart)}%`, "heart");
  b.style.width = `${Math.max(heart, 8)}%`;
  split.append(a, b);
  const canvas = $("factors") as HTMLCanvasElement;
  canvas.setAttribute("aria-label", mix.headline[lang]);
  charts.set(
    "factors",
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: mix.factors.map((f) => f.label[lang]),
        datasets: [
          { label: t("chosen"), data: mix.factors.map((f) => f.chosenPct), backgroundColor: mix.factors.map((f) => (f.side === "system" ? "#64748b" : "#c2410c")) },
          { label: t("most"), data: mix.factors.map((f) => f.mostPct), backgroundColor: mix.factors.map((f) => (f.side === "system" ? "#cbd5e1" : "#fdba74")) },
        ],
      },
      options: { indexAxis: "y", maintainAspectRatio: false, animation: false, scales: { x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } } },
    }),
  );
  $("factors-table").append(table(["", t("chosen"), t("most")], mix.factors.map((f) => [f.label[lang], `${f.chosenPct}%`, `${f.mostPct}%`])));
}

function drawRest(report: Report): void {
  const gap = $("gap");
  gap.replaceChildren();
  const names = new Map(report.levels.map((l) => [l.id, l.name[lang]]));
  if (report.managementGap?.length) gap.append(table([t("level"), t("management"), t("staff"), "Δ"], report.managementGap.map((g) => [names.get(g.level) ?? g.level, g.management, g.staff, g.gap > 0 ? `+${g.gap}` : g.gap])));
  else gap.append(el("p", t("noGap"), "muted"));
  const climate = $("climate");
  climate.replaceChildren(table(["", "0–100"], report.climate.map((c) => [t(c.id), c.score])));
  const comments = $("comments");
  comments.replaceChildren();
  if (report.comments) for (const c of report.comments) comments.append(el("li", c));
  else comments.append(el("li", t("noComments", { k: report.campaign.kComments }), "muted"));
}

function render(): void {
  for (const node of document.querySelectorAll<HTMLElement>("[data-t]")) node.textContent = t(node.dataset.t!);
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  document.documentElement.lang = lang;
  if (!current) return;
  const { report } = current;
  $("title").textContent = report.campaign.title;
  const message = $("message");
  message.hidden = !report.suppressed;
  if (report.suppressed) {
    message.textContent = t("tooSmall", { k: report.campaign.k });
    $("respondents").textContent = "";
    return;
  }
  $("respondents").textContent = t("respondents", { n: report.n ?? 0, k: report.campaign.k });
  drawStaircase(report);
  drawHeatmap("heat-department", report, report.levels);
  drawHeatmap("heat-role", current.role, report.levels);
  drawFactors(report);
  drawRest(report);
}

function selectedCampaign(): Campaign | undefined {
  const org = organisations.find((o) => o.id === ($("organisation") as HTMLSelectElement).value);
  return org?.campaigns.find((c) => c.id === ($("campaign") as HTMLSelectElement).value);
}

function fillSelect(select: HTMLSelectElement, options: { value: string; label: string }[]): void {
  select.replaceChildren(...options.map((o) => Object.assign(el("option", o.label), { value: o.value })));
}

async function loadReport(): Promise<void> {
  const campaign = selectedCampaign();
  if (!campaign) {
    current = null;
    $("message").hidden = false;
    $("message").textContent = t("noCampaigns");
    return;
  }
  const role = ($("filter-role") as HTMLSelectElement).value;
  const filter = role ? `&filter[role]=${encodeURIComponent(role)}` : "";
  const base = `/api/campaigns/${campaign.id}/report`;
  const [byDepartment, byRole] = await Promise.all([api<Report & { error?: { message: string } }>(`${base}?dimension=department${filter}`), api<Report>(`${base}?dimension=role${filter}`)]);
  ($("csv") as HTMLAnchorElement).href = `${base}.csv?dimension=department${filter}`;
  if (byDepartment.status !== 200) {
    $("message").hidden = false;
    $("message").textContent = byDepartment.body.error?.message ?? String(byDepartment.status);
    return;
  }
  current = { report: byDepartment.body, role: byRole.status === 200 ? byRole.body : null };
  render();
}

function fillCampaigns(): void {
  const org = organisations.find((o) => o.id === ($("organisation") as HTMLSelectElement).value);
  fillSelect($("campaign") as HTMLSelectElement, (org?.campaigns ?? []).map((c) => ({ value: c.id, label: `${c.title} (${c.respondents})` })));
  fillRoles();
}

function fillRoles(): void {
  const roles = selectedCampaign()?.units.role ?? [];
  fillSelect($("filter-role") as HTMLSelectElement, [{ value: "", label: t("allRoles") }, ...roles.map((r) => ({ value: r.value, label: r.label[lang] }))]);
}

async function start(): Promise<void> {
  render();
  organisations = (await api<Organisation[]>("/api/organisations")).body;
  fillSelect($("organisation") as HTMLSelectElement, organisations.map((o) => ({ value: o.id, label: o.name })));
  fillCampaigns();
  $("organisation").addEventListener("change", () => { fillCampaigns(); void loadReport(); });
  $("campaign").addEventListener("change", () => { fillRoles(); void loadReport(); });
  $("filter-role").addEventListener("change", () => void loadReport());
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
    b.addEventListener("click", () => {
      lang = b.dataset.lang as Lang;
      localStorage.setItem("lang", lang);
      const role = ($("filter-role") as HTMLSelectElement).value;
      fillRoles();
      ($("filter-role") as HTMLSelectElement).value = role;
      render();
    });
  }
  $("print").addEventListener("click", () => window.print());
  $("logout").addEventListener("click", async () => {
    await fetch("/api/auth/logout", { method: "POST" });
    location.href = "/login";
  });
  await loadReport();
}

void start();
