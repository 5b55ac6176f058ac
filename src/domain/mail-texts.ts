/**
 * The e-mails the product sends, Dutch first and then English in one message. They say who
 * invites for which organisation (or that a reset was asked for), the link and when it expires —
 * nothing about whether the address has an account, nothing about any survey's results. Pure.
 */

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe inside HTML, attribute values included. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);

/** An expiry as a readable date and time in the Netherlands (the audience), with the zone said. */
function expiryText(expiresAt: number, locale: "nl" | "en"): string {
  const date = new Date(expiresAt * 1000);
  const text = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(date);
  return `${text} (${locale === "nl" ? "Nederlandse tijd" : "Amsterdam time"})`;
}

function render(to: string, subject: string, paragraphs: { nl: string[]; en: string[] }, link: string): MailMessage {
  const text = [...paragraphs.nl, link, "", "—", "", ...paragraphs.en, link, ""]
    .join("\n\n")
    .replace(/\n{3,}/g, "\n\n");
  const block = (lines: string[], lang: string) =>
    `<div lang="${lang}">${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p></div>`;
  const html = `<!doctype html><html><body>${block(paragraphs.nl, "nl")}<hr>${block(paragraphs.en, "en")}</body></html>`;
  return { to, subject, text, html };
}

export function invitationMail(input: {
  to: string;
  organisation: string;
  inviter: string | null;
  link: string;
  expiresAt: number;
}): MailMessage {
  const { organisation, inviter } = input;
  const whoNl = inviter ? `${inviter} nodigt je uit` : "Je bent uitgenodigd";
  const whoEn = inviter ? `${inviter} invites you` : "You are invited";
  return render(
    input.to,
    `Uitnodiging: rapportages van ${organisation} · Invitation: reports of ${organisation}`,
    {
      nl: [
        `${whoNl} om de rapportages van het medewerkersonderzoek van ${organisation} te bekijken.`,
        "Open de link om de uitnodiging aan te nemen. Heb je nog geen account, dan kies je daar je eigen wachtwoord; heb je er al een, dan log je in en neem je de uitnodiging aan.",
        `De link werkt één keer en verloopt op ${expiryText(input.expiresAt, "nl")}. Verwachtte je deze uitnodiging niet, negeer dan deze e-mail.`,
      ],
      en: [
        `${whoEn} to view the reports of the staff survey of ${organisation}.`,
        "Open the link to accept. Without an account you choose your own password there; with one, you log in and accept.",
        `The link works once and expires on ${expiryText(input.expiresAt, "en")}. If you did not expect this invitation, ignore this e-mail.`,
      ],
    },
    input.link,
  );
}

export function passwordResetMail(input: { to: string; link: string; expiresAt: number }): MailMessage {
  return render(
    input.to,
    "Nieuw wachtwoord instellen · Set a new password",
    {
      nl: [
        "Iemand heeft gevraagd om voor dit e-mailadres een nieuw wachtwoord in te stellen.",
        `Open de link om je wachtwoord te kiezen; alle bestaande sessies worden dan beëindigd. De link werkt één keer en verloopt op ${expiryText(input.expiresAt, "nl")}. Heb je dit niet zelf gevraagd, negeer dan deze e-mail: je wachtwoord blijft zoals het is.`,
      ],
      en: [
        "Someone asked to set a new password for this e-mail address.",
        `Open the link to choose your password; every existing session then ends. The link works once and expires on ${expiryText(input.expiresAt, "en")}. If you did not ask for this, ignore this e-mail: your password stays as it is.`,
      ],
    },
    input.link,
  );
}
