/**
 * The workspace's clients and rounds: loads the portfolio, draws it (components/portfolio.tsx),
 * keeps which rounds are picked for a comparison, and does what its rows offer — whether an
 * organisation's managers see the benchmark, opening a draft, closing a round (which releases its
 * results) — and adds organisations. Every round picker on the page follows the portfolio.
 */
import { render } from "hono/jsx/dom";

import type { CampaignView } from "../../../src/schemas/campaign-view.js";
import { type Organisation, Portfolio } from "../components/portfolio.js";
import { errorText } from "./errors.js";
import type { PanelContext } from "./managers-panel.js";
import { rateText, startText } from "./round-texts.js";
import { $, api, fillSelect } from "./ui.js";

/** A round with the name of its organisation, for pickers and comparisons. */
type CampaignRow = CampaignView & { organisation: string };

export function portfolioPanel(
  ctx: PanelContext,
  hooks: {
    say(text: string, error?: boolean): void;
    levelName(id: string): string;
    edit(c: CampaignView): void;
    /** After every load: the panels that work per organisation follow. */
    loaded(organisations: Organisation[]): Promise<unknown>;
    /** After a round closed: its release changes what a norm set could hold. */
    closed(): Promise<unknown>;
  },
) {
  const { t } = ctx;
  let organisations: Organisation[] = [];
  const selected = new Set<string>();
  const campaigns = (): CampaignRow[] =>
    organisations.flatMap((o) => o.campaigns.map((c) => ({ ...c, organisation: o.name })));

  async function setBenchmark(org: Organisation, shown: boolean): Promise<void> {
    const res = await api(`/api/organisations/${org.id}`, { method: "PATCH", body: { benchmarkForManagers: shown } });
    if (res.status !== 200) hooks.say(errorText(t, res), true);
    else org.benchmarkForManagers = shown;
  }

  /** Opens a draft for answers, after the consultant confirms. */
  async function open(c: CampaignView): Promise<void> {
    if (!confirm(t("openConfirm", { title: c.title }))) return;
    const res = await api<CampaignView>(`/api/campaigns/${c.id}/open`, { method: "POST" });
    if (res.status !== 200) return hooks.say(errorText(t, res), true);
    hooks.say(t("opened", { title: c.title }));
    await load();
  }

  /** Closes a round for good, after the consultant confirms; its results are released at once. */
  async function close(c: CampaignView): Promise<void> {
    if (!confirm(t("closeConfirm", { title: c.title }))) return;
    const res = await api<{ respondents: number }>(`/api/campaigns/${c.id}/close`, { method: "POST" });
    if (res.status !== 200) return hooks.say(errorText(t, res), true);
    hooks.say(t("workspace.released", { title: c.title, n: res.body.respondents }));
    await Promise.all([load(), hooks.closed()]);
  }

  function draw(): void {
    render(
      <Portfolio
        organisations={organisations}
        selected={selected}
        t={t}
        rateText={(c) => rateText(c, t)}
        startText={(c) => startText(c, t, hooks.levelName)}
        setBenchmark={(org, shown) => void setBenchmark(org, shown)}
        edit={hooks.edit}
        open={(c) => void open(c)}
        close={(c) => void close(c)}
      />,
      $("portfolio"),
    );
    const codesSelect = $("codes-campaign") as HTMLSelectElement;
    const keep = codesSelect.value;
    fillSelect(
      codesSelect,
      campaigns().map((c) => ({ value: c.id, label: `${c.organisation} – ${c.title}` })),
    );
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

  async function load(): Promise<void> {
    organisations = (await api<Organisation[]>("/api/organisations")).body;
    draw();
    await hooks.loaded(organisations);
  }

  async function createOrganisation(event: Event): Promise<void> {
    event.preventDefault();
    const input = $("organisation-name") as HTMLInputElement;
    const res = await api<{ id: string; name: string }>("/api/organisations", {
      method: "POST",
      body: { name: input.value },
    });
    if (res.status !== 201) return hooks.say(errorText(t, res), true);
    input.value = "";
    await load();
    ($("campaign-organisation") as HTMLSelectElement).value = res.body.id;
  }
  $("organisation-form").addEventListener("submit", (e) => void createOrganisation(e));

  return {
    load,
    render: draw,
    campaigns,
    /** The picked rounds in portfolio order. */
    selectedIds: () => campaigns().flatMap((c) => (selected.has(c.id) ? [c.id] : [])),
  };
}
