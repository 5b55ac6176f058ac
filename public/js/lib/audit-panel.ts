/**
 * The workspace's "Audit log" panel for one organisation at a time: who read or exported which
 * report, managed invitations and managers, logged in (its managers), opened or closed rounds and
 * issued codes — newest first, in plain language (src/domain/audit.ts), fifty at a time with
 * "load more". It never shows anything about respondents: the log holds nothing about them.
 */
import { type AuditEntryView, auditText } from "../../../src/domain/audit.js";
import type { PanelContext } from "./managers-panel.js";
import { api, el, errorMessage, fillOrganisations, type Loc } from "./ui.js";

export const AUDIT_TEXTS: Record<string, Loc> = {
  auditTitle: { nl: "Auditlog", en: "Audit log" },
  auditNote: {
    nl: "Wie wat deed, per minuut: rapporten bekeken en gedownload (met het gevraagde filter), uitnodigingen en managers, inloggen en mislukte pogingen van managers, rondes geopend en gesloten, codes gemaakt. Over respondenten staat hier niets. Regels worden na 400 dagen verwijderd.",
    en: "Who did what, to the minute: reports read and downloaded (with the filter asked), invitations and managers, logins and failed attempts of managers, rounds opened and closed, codes issued. Nothing about respondents is here. Entries are deleted after 400 days.",
  },
  auditEmpty: { nl: "Nog niets vastgelegd.", en: "Nothing recorded yet." },
  auditMore: { nl: "Meer laden", en: "Load more" },
  auditWhen: { nl: "Wanneer", en: "When" },
  auditWhat: { nl: "Wat", en: "What" },
};

interface AuditPage {
  entries: AuditEntryView[];
  next: string | null;
}

export function auditPanel(ctx: PanelContext) {
  const select = document.getElementById("audit-organisation") as HTMLSelectElement;
  const list = document.getElementById("audit-list")!;
  const more = document.getElementById("audit-more") as HTMLButtonElement;
  const status = document.getElementById("audit-status")!;
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
    tbl.tHead!.append(head);
    for (const entry of entries) {
      const row = el("tr");
      row.dataset.action = entry.action;
      row.append(el("td", when(entry.at)), el("td", auditText(entry, ctx.lang)));
      tbl.tBodies[0]!.append(row);
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
      status.textContent = errorMessage(res.body, res.status);
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
