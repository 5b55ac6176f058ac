/**
 * The workspace's "Audit log" panel for one organisation at a time: who read or exported which
 * report, managed invitations and managers, logged in (its managers), opened or closed rounds and
 * issued codes — newest first, in plain language (src/domain/audit.ts), fifty at a time with
 * "load more". It never shows anything about respondents: the log holds nothing about them.
 */
import { type AuditEntryView, auditText } from "../../../src/domain/audit.js";
import type { auditPage } from "../../../src/services/audit.js";
import { errorText } from "./errors.js";
import type { PanelContext } from "./managers-panel.js";
import { $, api, bodyOf, el, fillOrganisations } from "./ui.js";

/** A page of the log as the server answers it (src/services/audit.ts). */
type AuditPage = Awaited<ReturnType<typeof auditPage>>;

export function auditPanel(ctx: PanelContext) {
  const select = document.getElementById("audit-organisation") as HTMLSelectElement;
  const list = $("audit-list");
  const more = document.getElementById("audit-more") as HTMLButtonElement;
  const status = $("audit-status");
  let entries: AuditEntryView[] = [];
  let next: string | null = null;
  /** Answers to an earlier organisation's request are dropped. */
  let asked = 0;

  const when = (at: string) =>
    new Date(at).toLocaleString(ctx.lang === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium", timeStyle: "short" });

  function render(): void {
    more.hidden = next === null;
    if (entries.length === 0) return list.replaceChildren(el("p", ctx.t("auditEmpty"), "muted"));
    const tbl = el("table");
    const head = el("tr");
    for (const h of [ctx.t("auditWhen"), ctx.t("auditWhat")]) head.append(Object.assign(el("th", h), { scope: "col" }));
    tbl.append(el("thead"), el("tbody"));
    tbl.createTHead().append(head);
    for (const entry of entries) {
      const row = el("tr");
      row.dataset.action = entry.action;
      row.append(el("td", when(entry.at)), el("td", auditText(entry, ctx.lang)));
      bodyOf(tbl).append(row);
    }
    list.replaceChildren(tbl);
  }

  async function load(append: boolean): Promise<void> {
    if (!select.value) return;
    const mine = ++asked;
    const query = append && next ? `?before=${encodeURIComponent(next)}` : "";
    const res = await api<AuditPage>(`/api/organisations/${encodeURIComponent(select.value)}/audit${query}`);
    if (mine !== asked) return;
    if (res.status !== 200) {
      status.textContent = errorText(ctx.t, res);
      status.hidden = false;
      return;
    }
    status.hidden = true;
    entries = append ? [...entries, ...res.body.entries] : res.body.entries;
    next = res.body.next;
    render();
  }

  select.addEventListener("change", () => void load(false));
  more.addEventListener("click", () => void load(true));

  return {
    /** The consultant's organisations (after every portfolio load); keeps the chosen one and reloads its first page. */
    async setOrganisations(organisations: { id: string; name: string }[]): Promise<void> {
      fillOrganisations(select, organisations);
      await load(false);
    },
    render,
  };
}
