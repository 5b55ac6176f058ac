/**
 * The workspace's "Managers" panel for one organisation at a time: invite by e-mail (optionally
 * for some departments), and list pending invitations (resend, withdraw) and managers who
 * accepted (revoke, which ends their sessions). Without mail configured the server answers with
 * the link, which the panel shows for the consultant to pass on.
 */
import type { inviteManager, organisationManagers } from "../../../src/services/invitations.js";
import { errorText } from "./errors.js";
import { $, api, bodyOf, el, fillOrganisations, type Lang, type Translate } from "./ui.js";

/** The answers' shapes, from the services that make them (src/services/invitations.ts). */
type Listing = Awaited<ReturnType<typeof organisationManagers>>;
type Invited = Awaited<ReturnType<typeof inviteManager>>;
type Scope = Listing["managers"][number]["scope"];

export interface PanelContext {
  t: Translate;
  readonly lang: Lang;
}

export function managersPanel(ctx: PanelContext) {
  const select = document.getElementById("managers-organisation") as HTMLSelectElement;
  const list = $("managers-list");
  const status = $("managers-status");
  const linkBox = $("invite-link");
  const linkText = $("invite-link-text");
  const linkValue = document.getElementById("invite-link-value") as HTMLInputElement;
  let organisations: { id: string; name: string }[] = [];
  let listing: Listing | null = null;

  const when = (iso: string) =>
    new Date(iso).toLocaleString(ctx.lang === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
  const scopeText = (scope: Scope | null) =>
    scope?.department?.length ? scope.department.join(", ") : ctx.t("wholeOrganisation");
  const orgName = () => organisations.find((o) => o.id === select.value)?.name ?? "";

  function say(text: string, error = false): void {
    status.textContent = text;
    status.className = error ? "error" : "";
    status.hidden = false;
  }

  function delivered(result: Invited): void {
    linkBox.hidden = result.delivery !== "link";
    if (result.delivery === "link" && result.link) {
      linkText.textContent = ctx.t("invitedLink", {
        email: result.invitation.email,
        date: when(result.invitation.expiresAt),
      });
      linkValue.value = result.link;
      status.hidden = true;
    } else {
      say(ctx.t("invitedSent", { email: result.invitation.email }));
    }
  }

  function button(label: string, onClick: () => Promise<void>): HTMLButtonElement {
    const b = el("button", label);
    b.type = "button";
    b.addEventListener("click", () => void onClick());
    return b;
  }

  function render(): void {
    if (!listing) return list.replaceChildren();
    if (listing.pending.length + listing.managers.length === 0)
      return list.replaceChildren(el("p", ctx.t("noManagers"), "muted"));
    const tbl = el("table");
    const head = el("tr");
    for (const h of [ctx.t("email"), ctx.t("status"), ctx.t("scope"), ctx.t("managers.actions")])
      head.append(Object.assign(el("th", h), { scope: "col" }));
    tbl.append(el("thead"), el("tbody"));
    tbl.createTHead().append(head);
    const base = `/api/organisations/${encodeURIComponent(select.value)}`;
    for (const m of listing.managers) {
      const row = el("tr");
      row.dataset.email = m.email;
      const actions = el("td");
      actions.append(
        button(ctx.t("revoke"), async () => {
          if (!confirm(ctx.t("revokeConfirm", { email: m.email, organisation: orgName() }))) return;
          const res = await api(`${base}/managers/${encodeURIComponent(m.userId)}`, { method: "DELETE" });
          if (res.status !== 204) return say(errorText(ctx.t, res), true);
          say(ctx.t("revoked", { email: m.email }));
          await load();
        }),
      );
      row.append(el("td", m.email), el("td", ctx.t("managerStatus")), el("td", scopeText(m.scope)), actions);
      bodyOf(tbl).append(row);
    }
    for (const p of listing.pending) {
      const row = el("tr");
      row.dataset.email = p.email;
      const actions = el("td");
      actions.append(
        button(ctx.t("resend"), async () => {
          const res = await api<Invited>(`${base}/invitations/${encodeURIComponent(p.id)}/resend`, { method: "POST" });
          if (res.status !== 200) return say(errorText(ctx.t, res), true);
          delivered(res.body);
          await load();
        }),
        " ",
        button(ctx.t("withdraw"), async () => {
          const res = await api(`${base}/invitations/${encodeURIComponent(p.id)}`, { method: "DELETE" });
          if (res.status !== 204) return say(errorText(ctx.t, res), true);
          linkBox.hidden = true;
          say(ctx.t("withdrawn", { email: p.email }));
          await load();
        }),
      );
      row.append(
        el("td", p.email),
        el("td", p.expired ? ctx.t("expiredStatus") : ctx.t("pendingStatus", { date: when(p.expiresAt) })),
        el("td", scopeText(p.scope)),
        actions,
      );
      bodyOf(tbl).append(row);
    }
    list.replaceChildren(tbl);
  }

  async function load(): Promise<void> {
    if (!select.value) return;
    const res = await api<Listing>(`/api/organisations/${encodeURIComponent(select.value)}/invitations`);
    listing = res.status === 200 ? res.body : null;
    render();
  }

  async function invite(event: Event): Promise<void> {
    event.preventDefault();
    const email = (document.getElementById("invite-email") as HTMLInputElement).value.trim();
    const departments = (document.getElementById("invite-departments") as HTMLInputElement).value
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean);
    const res = await api<Invited>(`/api/organisations/${encodeURIComponent(select.value)}/invitations`, {
      method: "POST",
      body: { email, ...(departments.length ? { units: { department: [...new Set(departments)] } } : {}) },
    });
    if (res.status !== 201) return say(errorText(ctx.t, res), true);
    (event.target as HTMLFormElement).reset();
    delivered(res.body);
    await load();
  }

  select.addEventListener("change", () => {
    linkBox.hidden = true;
    status.hidden = true;
    void load();
  });
  $("invite-form").addEventListener("submit", (e) => void invite(e));

  return {
    /** The consultant's organisations (after every portfolio load); keeps the chosen one. */
    async setOrganisations(next: { id: string; name: string }[]): Promise<void> {
      organisations = next;
      fillOrganisations(select, next);
      await load();
    },
    render,
  };
}
