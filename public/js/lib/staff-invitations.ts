/**
 * The workspace's "Staff invitations" panel: pick a running round, choose the mode (explained in
 * plain words, with what the stored state reveals), the mail language(s), paste or upload the list
 * and send; later paste the list again to remind. Only counts come back, never an address.
 */
import type { PanelContext } from "./managers-panel.js";
import { api, el, errorMessage, fillSelect, type Loc } from "./ui.js";

export const STAFF_INVITATION_TEXTS: Record<string, Loc> = {
  staffTitle: { nl: "Medewerkers uitnodigen per e-mail", en: "Invite staff by e-mail" },
  staffNote: {
    nl: "Iedereen krijgt een eigen e-mail met een persoonlijke link waarin een eenmalige code zit. De code wordt nooit aan antwoorden gekoppeld. Voor medewerkers zonder e-mail is er het codevel met QR-codes.",
    en: "Everyone gets their own e-mail with a personal link that holds a single-use code. The code is never linked to answers. For staff without e-mail there is the code sheet with QR codes.",
  },
  staffRound: { nl: "Lopende ronde", en: "Running round" },
  staffNoRounds: { nl: "Geen lopende ronde die codes kan krijgen.", en: "No running round that can take codes." },
  staffNoMail: {
    nl: "Er is geen e-mail ingesteld (SMTP_URL of MAIL_API_URL). Gebruik het codevel, of laat de beheerder e-mail instellen.",
    en: "No mail is configured (SMTP_URL or MAIL_API_URL). Use the code sheet, or ask the operator to configure mail.",
  },
  staffMode: { nl: "Herinneringen", en: "Reminders" },
  staffModeReminders: {
    nl: "Herinneringen alleen aan wie nog niet antwoordde",
    en: "Reminders only to those who have not answered",
  },
  staffModeRemindersHelp: {
    nl: "Tot de ronde sluit bewaart de server per uitnodiging een versleutelde sleutel van het adres naast de (versleutelde) code. Zo kan een herinnering alleen naar ongebruikte codes. Wie de database én de geheime sleutel van de server heeft, kan tot de sluiting zien wie zijn code gebruikte — nooit wat iemand antwoordde. Bij het sluiten wordt alles verwijderd.",
    en: "Until the round closes the server keeps, per invitation, a keyed hash of the address next to the (sealed) code, so a reminder goes only to unused codes. Whoever holds the database and the server's secret key can see, until closing, who used their code — never what anyone answered. Everything is deleted when the round closes.",
  },
  staffModeNone: { nl: "Niets bijhouden", en: "No tracking" },
  staffModeNoneHelp: {
    nl: "Er wordt per adres niets bewaard: de lijst wordt één keer gebruikt en weggegooid. Een herinnering gaat daarom naar iedereen, met een bedankje voor wie al antwoordde.",
    en: "Nothing is kept per address: the list is used once and discarded. A reminder therefore goes to everyone, thanking those who already answered.",
  },
  staffLanguages: { nl: "Taal van de e-mail", en: "Language of the e-mail" },
  staffLangBoth: { nl: "Nederlands en Engels", en: "Dutch and English" },
  staffLangNl: { nl: "Nederlands", en: "Dutch" },
  staffLangEn: { nl: "Engels", en: "English" },
  staffList: {
    nl: "E-mailadressen (één per regel, of een CSV met een kolom e-mail)",
    en: "E-mail addresses (one per line, or a CSV with an email column)",
  },
  staffFile: { nl: "Of kies een CSV-bestand", en: "Or choose a CSV file" },
  staffSend: { nl: "Uitnodigingen versturen", en: "Send invitations" },
  staffRemind: { nl: "Herinnering versturen (plak dezelfde lijst)", en: "Send a reminder (paste the same list)" },
  staffBusy: { nl: "Bezig met versturen…", en: "Sending…" },
  staffState: {
    nl: "Uitgenodigd: {invited} ({mode}). Herinneringsrondes: {runs} van maximaal {max}.",
    en: "Invited: {invited} ({mode}). Reminder runs: {runs} of at most {max}.",
  },
  staffCounts: {
    nl: "Verstuurd: {sent}. Mislukt: {failed}. Ongeldig: {invalid}. Dubbel: {duplicates}. Niet uitgenodigd: {notInvited}. Al geantwoord: {answered}. Maximum bereikt: {limitReached}. Al eerder uitgenodigd: {alreadyInvited}.",
    en: "Sent: {sent}. Failed: {failed}. Invalid: {invalid}. Duplicates: {duplicates}. Not invited: {notInvited}. Already answered: {answered}. Maximum reached: {limitReached}. Invited before: {alreadyInvited}.",
  },
  staffInvalidLines: { nl: "Ongeldige regels: {lines}", en: "Invalid lines: {lines}" },
};

interface RoundRow {
  id: string;
  title: string;
  status: string;
  requireCode: boolean;
  respondents: number;
}
interface Summary {
  mailConfigured: boolean;
  invitations: {
    mode: "reminders" | "no_tracking";
    invited: number;
    reminderRuns: number;
    maxReminders: number;
  } | null;
}
interface Result {
  counts: Record<string, number>;
  invalidLines: number[];
}

export function staffInvitationsPanel(ctx: PanelContext) {
  const select = document.getElementById("staff-round") as HTMLSelectElement;
  const form = document.getElementById("staff-form") as HTMLFormElement;
  const list = document.getElementById("staff-list") as HTMLTextAreaElement;
  const file = document.getElementById("staff-file") as HTMLInputElement;
  const state = document.getElementById("staff-state")!;
  const status = document.getElementById("staff-status")!;
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
    if (res.status !== 200) return say(errorMessage(res.body as never, res.status), true);
    const { counts, invalidLines } = res.body as Result;
    say(
      [
        ctx.t("staffCounts", counts),
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
    async setOrganisations(organisations: { name: string; campaigns: RoundRow[] }[]): Promise<void> {
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
