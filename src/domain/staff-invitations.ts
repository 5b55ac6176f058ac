/**
 * Inviting staff to a round on single-use codes by e-mail (pure): reading a pasted list or CSV of
 * addresses, and the texts of the invitation and reminder mails. Each invitation carries its own
 * code in the link's fragment (`#code=…`), which a browser never sends to a server; the mail says
 * who asks, for which round, until when, and that the code is never linked to the answers.
 */
import { csvFields, csvLines } from "./csv.js";
import { escapeHtml, type MailMessage } from "./mail-texts.js";

/** "reminders": per invitation a keyed hash of the address beside its code's hash and the code sealed, until the round closes. "no_tracking": nothing per address. */
export const INVITATION_MODES = ["reminders", "no_tracking"] as const;
export type InvitationMode = (typeof INVITATION_MODES)[number];

/** The language(s) of the mails: Dutch, English, or both in one message (Dutch first). */
export const MAIL_LANGUAGES = ["nl", "en", "both"] as const;
export type MailLanguages = (typeof MAIL_LANGUAGES)[number];

/** Addresses per request at most: one request sends them all, so it must stay well under a minute. */
export const MAX_ADDRESSES_PER_REQUEST = 1000;
/** Reminders per invitation (reminders mode) or per round (no tracking) unless the consultant sets another number. */
export const DEFAULT_MAX_REMINDERS = 2;
export const MAX_REMINDERS_LIMIT = 5;
/** The list as pasted or uploaded, in characters at most (1,000 addresses of 254 characters and a few columns). */
export const MAX_LIST_CHARS = 512 * 1024;

export interface ParsedAddressList {
  /** Valid addresses, trimmed and lower-cased, each once, in the order first seen. */
  addresses: string[];
  /** Lines (1-based, as in the pasted text or file) whose address is not valid. */
  invalidLines: number[];
  /** Valid addresses that occurred again (counted once each time they repeat). */
  duplicates: number;
  /** More valid addresses than MAX_ADDRESSES_PER_REQUEST. */
  tooMany: boolean;
}

const HEADER_NAMES = new Set([
  "email",
  "e-mail",
  "emailadres",
  "e-mailadres",
  "email address",
  "e-mail address",
  "mail",
  "adres",
]);

/**
 * A practical check of an address (what mail servers accept, not all RFC 5322 allows): one @, a
 * local part without spaces, a domain of dot-separated labels with a top-level part of letters.
 */
export function isValidAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf("@");
  if (at < 1 || at !== address.indexOf("@")) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (
    local.length > 64 ||
    !/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local) ||
    local.startsWith(".") ||
    local.endsWith(".") ||
    local.includes("..")
  )
    return false;
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  if (!labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return false;
  const topLevel = labels.at(-1);
  return topLevel !== undefined && /^[a-z]{2,63}$|^xn--[a-z0-9-]+$/.test(topLevel);
}

/** `Name <address>` as mail programs copy it: the part between the angle brackets. */
const unwrap = (value: string) => {
  const m = value.match(/<([^<>]*)>\s*$/);
  return (m?.[1] ?? value).trim().toLowerCase();
};

/**
 * A pasted list (one address per line) or a CSV (the column named email / e-mail / emailadres, else
 * the first). Empty lines are skipped; a first line that names the column is a header, not an
 * address. Nothing here throws: what is not an address is reported by its line number.
 */
export function parseAddressList(input: string): ParsedAddressList {
  const lines = csvLines(input);
  const first = lines.find((l) => l.trim() !== "") ?? "";
  const separator = [",", ";", "\t"].find((s) => first.includes(s));
  let column = 0;
  let startAt = 0;
  if (separator) {
    const headers = csvFields(first, separator).map((h) => h.trim().toLowerCase());
    const named = headers.findIndex((h) => HEADER_NAMES.has(h));
    const firstIndex = lines.indexOf(first);
    if (named >= 0) {
      column = named;
      startAt = firstIndex + 1;
    } else if (!isValidAddress(unwrap(headers[0] ?? ""))) startAt = firstIndex + 1; // a header we do not know: the first column
  } else if (HEADER_NAMES.has(first.trim().toLowerCase())) startAt = lines.indexOf(first) + 1;

  const seen = new Set<string>();
  const addresses: string[] = [];
  const invalidLines: number[] = [];
  let duplicates = 0;
  for (const [i, line] of lines.entries()) {
    if (i < startAt || line.trim() === "") continue;
    const raw = separator ? (csvFields(line, separator)[column] ?? "") : line;
    if (raw.trim() === "" && separator) continue; // a row without an address in that column
    const address = unwrap(raw);
    if (!isValidAddress(address)) {
      invalidLines.push(i + 1);
      continue;
    }
    if (seen.has(address)) {
      duplicates++;
      continue;
    }
    seen.add(address);
    addresses.push(address);
  }
  return { addresses, invalidLines, duplicates, tooMany: addresses.length > MAX_ADDRESSES_PER_REQUEST };
}

/** The personal link: the survey, and the code in the fragment only (browsers never send it to a server). */
export function personalLink(publicUrl: string, token: string, code: string): string {
  return `${publicUrl}/s/${encodeURIComponent(token)}#code=${encodeURIComponent(code)}`;
}

/** A closing date (YYYY-MM-DD, inclusive) as words: "31 maart 2026" / "31 March 2026". */
function closingDateText(closesOn: string, lang: "nl" | "en"): string {
  const date = new Date(`${closesOn}T12:00:00Z`);
  return new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
    date,
  );
}

export interface RoundForMail {
  organisation: string;
  title: string;
  closesOn: string | null;
}

type Paragraphs = { nl: string[]; en: string[] };

function compose(
  to: string,
  subjects: { nl: string; en: string },
  paragraphs: Paragraphs,
  link: string,
  languages: MailLanguages,
): MailMessage {
  const langs = languages === "both" ? (["nl", "en"] as const) : ([languages] as const);
  const subject = langs.map((l) => subjects[l]).join(" · ");
  const text = `${langs.map((l) => [...paragraphs[l], link].join("\n\n")).join("\n\n—\n\n")}\n`;
  const block = (lang: "nl" | "en") =>
    `<div lang="${lang}">${paragraphs[lang].map((p) => `<p>${escapeHtml(p)}</p>`).join("")}<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p></div>`;
  const html = `<!doctype html><html><body>${langs.map(block).join("<hr>")}</body></html>`;
  return { to, subject, text, html };
}

const ANONYMOUS: Paragraphs = {
  nl: [
    "Je antwoorden zijn anoniem. De code in de link zorgt er alleen voor dat iedereen één keer antwoordt; hij wordt nooit aan je antwoorden gekoppeld. Niemand — je werkgever niet, de adviseur niet en wie de database leest niet — kan zien wat jij hebt geantwoord. Uitkomsten worden pas getoond als de ronde is gesloten, en alleen voor groepen van voldoende mensen.",
    "Stuur deze e-mail niet door: de link is persoonlijk en werkt één keer.",
  ],
  en: [
    "Your answers are anonymous. The code in the link only makes sure everyone answers once; it is never linked to your answers. Nobody — not your employer, not the consultant, not whoever reads the database — can see what you answered. Results are shown only once the round has closed, and only for groups of enough people.",
    "Please do not forward this e-mail: the link is personal and works once.",
  ],
};

const until = (round: RoundForMail, lang: "nl" | "en") =>
  round.closesOn
    ? lang === "nl"
      ? ` Dat kan tot en met ${closingDateText(round.closesOn, "nl")}.`
      : ` You can do so until ${closingDateText(round.closesOn, "en")} (inclusive).`
    : "";

/** The invitation: who asks, the round, the personal link with the code in its fragment, the closing date, anonymity. */
export function staffInvitationMail(input: {
  to: string;
  round: RoundForMail;
  link: string;
  languages: MailLanguages;
}): MailMessage {
  const { round } = input;
  return compose(
    input.to,
    {
      nl: `Uitnodiging: medewerkersonderzoek ${round.organisation}`,
      en: `Invitation: staff survey ${round.organisation}`,
    },
    {
      nl: [
        `${round.organisation} vraagt je mee te doen aan het medewerkersonderzoek “${round.title}”: ongeveer tien minuten, op je telefoon of computer.${until(round, "nl")}`,
        `Open je persoonlijke link om te beginnen:`,
        ...ANONYMOUS.nl,
      ],
      en: [
        `${round.organisation} asks you to take part in the staff survey “${round.title}”: about ten minutes, on your phone or computer.${until(round, "en")}`,
        `Open your personal link to start:`,
        ...ANONYMOUS.en,
      ],
    },
    input.link,
    input.languages,
  );
}

/** A reminder with the same personal link (reminders mode: only to those whose code is unused). */
export function staffReminderMail(input: {
  to: string;
  round: RoundForMail;
  link: string;
  languages: MailLanguages;
}): MailMessage {
  const { round } = input;
  return compose(
    input.to,
    {
      nl: `Herinnering: medewerkersonderzoek ${round.organisation}`,
      en: `Reminder: staff survey ${round.organisation}`,
    },
    {
      nl: [
        `Een herinnering: ${round.organisation} vraagt je mee te doen aan het medewerkersonderzoek “${round.title}”.${until(round, "nl")}`,
        "Je persoonlijke link werkt nog:",
        ...ANONYMOUS.nl,
      ],
      en: [
        `A reminder: ${round.organisation} asks you to take part in the staff survey “${round.title}”.${until(round, "en")}`,
        "Your personal link still works:",
        ...ANONYMOUS.en,
      ],
    },
    input.link,
    input.languages,
  );
}

/**
 * The reminder of a round without tracking: it goes to everyone on the list, because nothing says
 * who has answered, so it thanks those who did and carries no code (the survey link only; the
 * personal link is in the invitation).
 */
export function staffReminderToAllMail(input: {
  to: string;
  round: RoundForMail;
  surveyLink: string;
  languages: MailLanguages;
}): MailMessage {
  const { round } = input;
  return compose(
    input.to,
    {
      nl: `Herinnering: medewerkersonderzoek ${round.organisation}`,
      en: `Reminder: staff survey ${round.organisation}`,
    },
    {
      nl: [
        `Heb je het medewerkersonderzoek “${round.title}” van ${round.organisation} al ingevuld? Dank je wel — dan hoef je niets meer te doen.`,
        `Nog niet? Gebruik dan de persoonlijke link uit je uitnodiging.${until(round, "nl")} Wie antwoordde weten we niet, en willen we niet weten: daarom krijgt iedereen deze herinnering. Deze e-mail bevat geen code. Heb je de uitnodiging niet meer, dan kun je op de pagina hieronder je code intikken.`,
        ...ANONYMOUS.nl.slice(0, 1),
      ],
      en: [
        `Have you already filled in the staff survey “${round.title}” of ${round.organisation}? Thank you — there is nothing more to do.`,
        `Not yet? Then use the personal link in your invitation.${until(round, "en")} We do not know who answered, and do not want to: that is why everyone gets this reminder. This e-mail holds no code. Without the invitation, you can type your code on the page below.`,
        ...ANONYMOUS.en.slice(0, 1),
      ],
    },
    input.surveyLink,
    input.languages,
  );
}

/** What a send reports: counts only, never an address. */
export interface SendCounts {
  /** Valid addresses in the list, each once. */
  addresses: number;
  sent: number;
  failed: number;
  invalid: number;
  duplicates: number;
  /** Reminders: addresses on the list that were not invited to this round (not mailed). */
  notInvited: number;
  /** Reminders mode: invited addresses whose code is used (not mailed). */
  answered: number;
  /** Reminders mode: invited addresses that had their maximum number of reminders (not mailed). */
  limitReached: number;
  /** Invitations, reminders mode: addresses already invited to this round (not mailed again). */
  alreadyInvited: number;
}

export const emptyCounts = (): SendCounts => ({
  addresses: 0,
  sent: 0,
  failed: 0,
  invalid: 0,
  duplicates: 0,
  notInvited: 0,
  answered: 0,
  limitReached: 0,
  alreadyInvited: 0,
});
