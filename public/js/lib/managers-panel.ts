/**
 * The workspace's "Managers" panel for one organisation at a time: invite by e-mail (optionally
 * for some departments), and list pending invitations (resend, withdraw) and managers who
 * accepted (revoke, which ends their sessions). Without mail configured the server answers with
 * the link, which the panel shows for the consultant to pass on.
 */
import type { inviteManager, organisationManagers } from "../../../src/services/invitations.js";
import { api, el, errorMessage, fillOrganisations, type Loc } from "./ui.js";

export const MANAGER_TEXTS: Record<string, Loc> = {
  managersTitle: { nl: "Managers", en: "Managers" },
  managersNote: {
    nl: "Managers komen alleen binnen via een uitnodiging: ze kiezen zelf hun wachtwoord, of nemen de uitnodiging aan met hun bestaande account. Of een adres al een account heeft, ziet u niet.",
    en: "Managers come in by invitation only: they choose their own password, or accept with the account they have. Whether an address has an account is not shown to you.",
  },
  inviteEmail: { nl: "E-mailadres", en: "E-mail address" },
  inviteDepartments: {
    nl: "Alleen voor afdelingen (optioneel, gescheiden door ;)",
    en: "Only for departments (optional, separated by ;)",
  },
  invite: { nl: "Uitnodigen", en: "Invite" },
  invitedSent: { nl: "Uitnodiging gemaild naar {email}.", en: "Invitation mailed to {email}." },
  invitedLink: {
    nl: "Er is geen e-mail ingesteld: geef deze link zelf door aan {email}. Hij werkt één keer, tot {date}.",
    en: "No e-mail is configured: pass this link on to {email} yourself. It works once, until {date}.",
  },
  pendingStatus: { nl: "uitgenodigd, verloopt {date}", en: "invited, expires {date}" },
  expiredStatus: { nl: "uitnodiging verlopen", en: "invitation expired" },
  managerStatus: { nl: "manager", en: "manager" },
  wholeOrganisation: { nl: "hele organisatie", en: "whole organisation" },
  resend: { nl: "Opnieuw sturen", en: "Resend" },
  withdraw: { nl: "Intrekken", en: "Withdraw" },
  revoke: { nl: "Toegang intrekken", en: "Revoke access" },
  revokeConfirm: {
    nl: "De toegang van {email} tot {organisation} intrekken? Al hun sessies worden direct beëindigd.",
    en: "Revoke the access of {email} to {organisation}? All their sessions end at once.",
  },
  revoked: { nl: "Toegang van {email} ingetrokken.", en: "Access of {email} revoked." },
  withdrawn: { nl: "Uitnodiging van {email} ingetrokken.", en: "Invitation of {email} withdrawn." },
  noManagers: { nl: "Nog geen managers of uitnodigingen.", en: "No managers or invitations yet." },
  email: { nl: "E-mail", en: "E-mail" },
  scope: { nl: "Bereik", en: "Scope" },
  actions: { nl: "Acties", en: "Actions" },
};

/** The answers' shapes, from the services that make them (src/services/invitations.ts). */
type Listing = Awaited<ReturnType<typeof organisationManagers>>;
type Invited = Awaited<ReturnType<typeof inviteManager>>;
type Scope = Listing["managers"][number]["scope"];

export interface PanelContext {
  t(key: string, vars?: Record<string, string | number>): string;
  readonly lang: "nl" | "en";
}

export function managersPanel(ctx: PanelContext) {
  const select = document.getElementById("managers-organisation") as HTMLSelectElement;
  const list = document.getElementById("managers-list")!;
  const status = document.getElementById("managers-status")!;
  const linkBox = document.getElementById("invite-link")!;
  const linkText = document.getElementById("invite-link-text")!;
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
    for (const h of [ctx.t("email"), ctx.t("status"), ctx.t("scope"), ctx.t("actions")])
      head.append(Object.assign(el("th", h), { scope: "col" }));
    tbl.append(el("thead"), el("tbody"));
    tbl.tHead!.append(head);
    const base = `/api/organisations/${encodeURIComponent(select.value)}`;
    for (const m of listing.managers) {
      const row = el("tr");
      row.dataset.email = m.email;
      const actions = el("td");
      actions.append(
        button(ctx.t("revoke"), async () => {
          if (!confirm(ctx.t("revokeConfirm", { email: m.email, organisation: orgName() }))) return;
          const res = await api(`${base}/managers/${encodeURIComponent(m.userId)}`, { method: "DELETE" });
          if (res.status !== 204) return say(errorMessage(res.body, res.status), true);
          say(ctx.t("revoked", { email: m.email }));
          await load();
        }),
      );
      row.append(el("td", m.email), el("td", ctx.t("managerStatus")), el("td", scopeText(m.scope)), actions);
      tbl.tBodies[0]!.append(row);
    }
    for (const p of listing.pending) {
      const row = el("tr");
      row.dataset.email = p.email;
      const actions = el("td");
      actions.append(
        button(ctx.t("resend"), async () => {
          const res = await api<Invited>(`${base}/invitations/${encodeURIComponent(p.id)}/resend`, { method: "POST" });
          if (res.status !== 200) return say(errorMessage(res.body, res.status), true);
          delivered(res.body);
          await load();
        }),
        " ",
        button(ctx.t("withdraw"), async () => {
          const res = await api(`${base}/invitations/${encodeURIComponent(p.id)}`, { method: "DELETE" });
          if (res.status !== 204) return say(errorMessage(res.body, res.status), true);
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
      tbl.tBodies[0]!.append(row);
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
    if (res.status !== 201) return say(errorMessage(res.body, res.status), true);
    (event.target as HTMLFormElement).reset();
    delivered(res.body);
    await load();
  }

  select.addEventListener("change", () => {
    linkBox.hidden = true;
    status.hidden = true;
    void load();
  });
  document.getElementById("invite-form")!.addEventListener("submit", (e) => void invite(e));

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
