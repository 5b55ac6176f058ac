/**
 * The workspace's "Data protection" panel, one organisation at a time: its retention period with
 * what will be deleted when, the export of all its data, and deleting the organisation, a round or
 * a manager's account — each behind a dialog that first lists, by count, what goes (the server's
 * preview, so it says what the delete will actually remove).
 */
import type { Deletion } from "../../../src/routes/data-protection.js";
import type { OrganisationListing } from "../../../src/routes/organisations.js";
import type { retentionView } from "../../../src/services/data-protection.js";
import type { organisationManagers } from "../../../src/services/invitations.js";
import { isTextKey } from "../i18n/index.js";
import { errorOf, errorText } from "./errors.js";
import type { PanelContext } from "./managers-panel.js";
import { $, api, bodyOf, el, fillOrganisations } from "./ui.js";

/** The retention answer, from the service that makes it. */
type Retention = Awaited<ReturnType<typeof retentionView>>;
export function dataProtectionPanel(
  ctx: PanelContext,
  hooks: { say(text: string, error?: boolean): void; changed(): Promise<void> },
) {
  const section = $("data-protection");
  const t = ctx.t.bind(ctx);
  const select = el("select");
  select.id = "dp-organisation";
  const orgLabel = el("label");
  const retentionInput = Object.assign(el("input"), {
    id: "dp-retention",
    type: "number",
    min: "12",
    max: "120",
    step: "1",
  });
  const untilDeleted = Object.assign(el("input"), { id: "dp-until-deleted", type: "checkbox" });
  const saveButton = Object.assign(el("button"), { type: "submit", id: "dp-save" });
  const form = el("form", undefined, "stack");
  const schedule = el("div", undefined, "table-scroll");
  schedule.tabIndex = 0;
  const exportLink = el("a");
  exportLink.id = "dp-export";
  const deleteOrg = Object.assign(el("button"), { type: "button", id: "dp-delete-organisation" });
  const roundsList = el("ul");
  roundsList.id = "dp-rounds";
  const managersList = el("ul");
  managersList.id = "dp-managers";
  const dialog = el("dialog", undefined, "preview-dialog");
  dialog.id = "dp-dialog";
  dialog.setAttribute("aria-labelledby", "dp-dialog-title");
  let organisations: OrganisationListing[] = [];
  let retention: Retention | null = null;
  let managers: { userId: string; email: string }[] = [];

  const current = () => organisations.find((o) => o.id === select.value);

  function layout(): void {
    const note = el("p", t("dpNote"), "muted small");
    orgLabel.replaceChildren(el("span", t("organisation")), document.createTextNode(" "), select);
    const retentionLabel = el("label");
    retentionLabel.replaceChildren(el("span", t("dpRetention")), document.createTextNode(" "), retentionInput);
    const untilLabel = el("label");
    untilLabel.replaceChildren(untilDeleted, document.createTextNode(" "), el("span", t("dpUntilDeleted")));
    saveButton.textContent = t("dpSave");
    const save = el("p", undefined, "actions");
    save.append(saveButton);
    form.replaceChildren(retentionLabel, untilLabel, save);
    exportLink.textContent = t("dpExport");
    deleteOrg.textContent = t("dpDeleteOrganisation");
    const actions = el("p", undefined, "actions");
    actions.append(exportLink, document.createTextNode(" "), deleteOrg);
    section.replaceChildren(
      Object.assign(el("h2", t("dpTitle")), { id: "dp-title" }),
      note,
      orgLabel,
      form,
      schedule,
      actions,
      el("h3", t("dpRounds")),
      roundsList,
      el("h3", t("dpManagers")),
      managersList,
      dialog,
    );
  }

  function render(): void {
    layout();
    const org = current();
    if (!org) return;
    exportLink.href = `/api/organisations/${encodeURIComponent(org.id)}/export`;
    exportLink.setAttribute("download", "");
    if (retention) {
      untilDeleted.checked = retention.retentionMonths === null;
      retentionInput.value = retention.retentionMonths === null ? "" : String(retention.retentionMonths);
      retentionInput.disabled = untilDeleted.checked;
      if (retention.rounds.length === 0) schedule.replaceChildren(el("p", t("dpNoReleases"), "muted"));
      else {
        const tbl = el("table");
        const head = el("tr");
        for (const h of [t("dpRound"), t("dpReleased"), t("dpCommentsOn"), t("dpRoundOn")])
          head.append(Object.assign(el("th", h), { scope: "col" }));
        tbl.append(el("thead"), el("tbody"));
        tbl.createTHead().append(head);
        for (const r of retention.rounds) {
          const row = el("tr");
          row.append(
            el("td", r.title),
            el("td", r.releasedOn),
            el("td", r.commentsOn ?? t("dpNever")),
            el("td", r.roundOn ?? t("dpNever")),
          );
          bodyOf(tbl).append(row);
        }
        schedule.replaceChildren(tbl);
      }
    }
    roundsList.replaceChildren(
      ...org.campaigns.map((c) => {
        const item = el("li");
        const button = Object.assign(el("button", t("dpDeleteRound", { title: c.title })), { type: "button" });
        button.dataset.campaign = c.id;
        button.addEventListener(
          "click",
          () => void confirmDelete(`/api/campaigns/${encodeURIComponent(c.id)}`, c.title, button),
        );
        item.append(button);
        return item;
      }),
    );
    managersList.replaceChildren(
      ...(managers.length === 0
        ? [el("li", t("dpNoManagers"), "muted")]
        : managers.map((m) => {
            const item = el("li");
            const button = Object.assign(el("button", t("dpDeleteAccount", { email: m.email })), { type: "button" });
            button.dataset.user = m.userId;
            button.addEventListener(
              "click",
              () => void confirmDelete(`/api/users/${encodeURIComponent(m.userId)}`, m.email, button),
            );
            item.append(button);
            return item;
          })),
    );
  }

  /** The confirm dialog: a title, what goes, "this cannot be undone"; resolves true on "delete". */
  async function ask(title: string, body: HTMLElement[]): Promise<boolean> {
    const cancel = Object.assign(el("button", t("dpCancel")), { type: "button", value: "cancel" });
    const ok = Object.assign(el("button", t("dpConfirm"), "danger"), { type: "button", id: "dp-confirm" });
    const buttons = el("p", undefined, "actions");
    buttons.append(cancel, document.createTextNode(" "), ok);
    dialog.replaceChildren(
      Object.assign(el("h2", title), { id: "dp-dialog-title" }),
      ...body,
      el("p", t("dpFinal"), "muted small"),
      buttons,
    );
    const answer = new Promise<boolean>((resolve) => {
      cancel.addEventListener("click", () => resolve(false), { once: true });
      ok.addEventListener("click", () => resolve(true), { once: true });
      dialog.addEventListener("cancel", () => resolve(false), { once: true });
    });
    dialog.showModal();
    cancel.focus();
    const go = await answer;
    dialog.close();
    return go;
  }

  /** Reads the server's preview, lists what goes, and deletes only when the consultant confirms. */
  async function confirmDelete(path: string, what: string, from: HTMLElement): Promise<void> {
    const preview = await api<Deletion>(`${path}/deletion`);
    if (preview.status !== 200) return hooks.say(errorText(t, preview), true);
    const needsConfirm = "needsConfirm" in preview.body && preview.body.needsConfirm;
    const lines = Object.entries(preview.body.removes)
      .filter(([kind, n]) => n > 0 && kind !== "auditEntries" && kind !== "normSets")
      .map(([kind, n]) => {
        const key = `dp.${kind}`;
        return el("li", `${n} ${isTextKey(key) ? t(key) : kind}`);
      });
    const isAccount = path.startsWith("/api/users/");
    const audit = preview.body.removes.auditEntries ?? 0;
    if (audit > 0)
      lines.push(el("li", isAccount ? t("dpAuditKept", { n: audit }) : `${audit} ${t("dp.auditEntries")}`));
    if ((preview.body.removes.normSets ?? 0) > 0)
      lines.push(
        el(
          "li",
          isAccount
            ? `${preview.body.removes.normSets} ${t("dp.normSets")}`
            : t("dpNormSets", { n: preview.body.removes.normSets ?? 0 }),
        ),
      );
    const list = el("ul");
    list.append(...(lines.length ? lines : [el("li", t("dpNothing"))]));
    const go = await ask(t("dpConfirmTitle", { what }), [
      el("p", t("dpRemoves")),
      list,
      ...(needsConfirm ? [el("p", t("dpRunning"), "error")] : []),
    ]);
    if (!go) return from.focus();
    const res = await api(`${path}${needsConfirm ? "?confirm=1" : ""}`, { method: "DELETE" });
    if (res.status !== 200) return hooks.say(errorText(t, res), true);
    hooks.say(t("dpDeleted", { what }));
    await hooks.changed();
  }

  async function load(): Promise<void> {
    const org = current();
    if (!org) return render();
    const [r, m] = await Promise.all([
      api<Retention>(`/api/organisations/${encodeURIComponent(org.id)}/retention`),
      api<Awaited<ReturnType<typeof organisationManagers>>>(
        `/api/organisations/${encodeURIComponent(org.id)}/invitations`,
      ),
    ]);
    retention = r.status === 200 ? r.body : null;
    managers = m.status === 200 ? m.body.managers : [];
    render();
  }

  select.addEventListener("change", () => void load());
  untilDeleted.addEventListener("change", () => {
    retentionInput.disabled = untilDeleted.checked;
    if (!untilDeleted.checked) retentionInput.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void (async () => {
      const org = current();
      if (!org) return;
      const months = untilDeleted.checked ? null : Number(retentionInput.value);
      const put = (confirm: boolean) =>
        api<Retention>(`/api/organisations/${encodeURIComponent(org.id)}/retention${confirm ? "?confirm=1" : ""}`, {
          method: "PUT",
          body: { retentionMonths: months },
        });
      let res = await put(false);
      // A period shorter than what is already kept deletes at once: say what, and ask first.
      const refusal = errorOf(res.body);
      if (res.status === 409 && refusal?.code === "retention_deletes_now") {
        const count = (path: string) => refusal.details.find((d) => d.path === path)?.message ?? "0";
        const go = await ask(t("dpRetentionNowTitle", { months: String(months) }), [
          el("p", t("dpRetentionNow", { rounds: count("rounds"), comments: count("comments") })),
        ]);
        if (!go) return retentionInput.focus();
        res = await put(true);
      }
      if (res.status !== 200) return hooks.say(errorText(t, res), true);
      retention = res.body;
      render();
      hooks.say(t("dpSaved"));
    })();
  });
  deleteOrg.addEventListener("click", () => {
    const org = current();
    if (org) void confirmDelete(`/api/organisations/${encodeURIComponent(org.id)}`, org.name, deleteOrg);
  });

  return {
    async setOrganisations(next: OrganisationListing[]): Promise<void> {
      organisations = next;
      fillOrganisations(select, next);
      await load();
    },
    render,
  };
}
