/**
 * The workspace's "Staff invitations" panel: pick a running round, choose the mode (explained in
 * plain words, with what the stored state reveals), the mail language(s), paste or upload the list
 * and send; later paste the list again to remind. Only counts come back, never an address.
 */
import type { OrganisationListing } from "../../../src/routes/organisations.js";
import type { StaffInvitationSummary } from "../../../src/routes/staff-invitations.js";
import type { SendResult } from "../../../src/services/staff-invitations.js";
import { errorText } from "./errors.js";
import type { PanelContext } from "./managers-panel.js";
import { $, api, el, fillSelect } from "./ui.js";

/** The answers' shapes, from the server (src/routes/staff-invitations.ts, src/services/staff-invitations.ts). */
type Summary = StaffInvitationSummary;
type Result = SendResult;

export function staffInvitationsPanel(ctx: PanelContext) {
  const select = document.getElementById("staff-round") as HTMLSelectElement;
  const form = document.getElementById("staff-form") as HTMLFormElement;
  const list = document.getElementById("staff-list") as HTMLTextAreaElement;
  const file = document.getElementById("staff-file") as HTMLInputElement;
  const state = $("staff-state");
  const status = $("staff-status");
  const remind = document.getElementById("staff-remind") as HTMLButtonElement;
  const send = document.getElementById("staff-send") as HTMLButtonElement;
  let summary: Summary | null = null;
  let asked = 0;

  const say = (text: string, error = false) => {
    status.replaceChildren(...text.split("\n").map((line) => el("p", line)));
    status.classList.toggle("error", error);
    status.hidden = false;
  };

  function modeName(mode: string): string {
    return ctx.t(mode === "no_tracking" ? "staffModeNone" : "staffModeReminders");
  }

  async function loadState(): Promise<void> {
    const mine = ++asked;
    if (!select.value) {
      state.textContent = ctx.t("staffNoRounds");
      send.disabled = remind.disabled = true;
      return;
    }
    const res = await api<Summary>(`/api/campaigns/${encodeURIComponent(select.value)}/staff-invitations`);
    if (mine !== asked || res.status !== 200) return;
    summary = res.body;
    const inv = summary.invitations;
    state.textContent = !summary.mailConfigured
      ? ctx.t("staffNoMail")
      : inv
        ? ctx.t("staffState", {
            invited: inv.invited,
            mode: modeName(inv.mode),
            runs: inv.reminderRuns,
            max: inv.maxReminders,
          })
        : "";
    send.disabled = !summary.mailConfigured;
    remind.disabled = !summary.mailConfigured || !inv;
    // A round's mode is fixed at its first send.
    for (const radio of form.querySelectorAll<HTMLInputElement>("input[name=staff-mode]")) {
      radio.disabled = Boolean(inv);
      if (inv) radio.checked = radio.value === inv.mode;
    }
  }

  function report(res: { status: number; body: unknown }): void {
    if (res.status !== 200) return say(errorText(ctx.t, res), true);
    const { counts, invalidLines } = res.body as Result;
    say(
      [
        ctx.t("staffCounts", { ...counts }),
        ...(invalidLines.length ? [ctx.t("staffInvalidLines", { lines: invalidLines.slice(0, 50).join(", ") })] : []),
      ].join("\n"),
    );
  }

  async function post(path: string, body: Record<string, unknown>): Promise<void> {
    send.disabled = remind.disabled = true;
    say(ctx.t("staffBusy"));
    try {
      report(await api<Result>(`/api/campaigns/${encodeURIComponent(select.value)}/${path}`, { method: "POST", body }));
    } finally {
      await loadState();
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const mode = (form.querySelector<HTMLInputElement>("input[name=staff-mode]:checked")?.value ??
      "reminders") as string;
    const languages = (form.querySelector<HTMLInputElement>("input[name=staff-lang]:checked")?.value ??
      "both") as string;
    void post("staff-invitations", { mode, languages, list: list.value });
  });
  remind.addEventListener("click", () => void post("staff-reminders", { list: list.value }));
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (chosen) list.value = await chosen.text();
  });
  select.addEventListener("change", () => {
    status.hidden = true;
    void loadState();
  });

  return {
    /** Running rounds that can take codes: open, and on codes already or without answers yet. */
    async setOrganisations(organisations: readonly OrganisationListing[]): Promise<void> {
      const keep = select.value;
      const rounds = organisations.flatMap((o) =>
        o.campaigns
          .filter((c) => c.status === "open" && (c.requireCode || c.respondents === 0))
          .map((c) => ({ value: c.id, label: `${o.name} — ${c.title}` })),
      );
      fillSelect(select, rounds);
      if (rounds.some((r) => r.value === keep)) select.value = keep;
      await loadState();
    },
    /** Texts that follow the page language. */
    refresh(): void {
      void loadState();
    },
  };
}
