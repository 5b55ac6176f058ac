/**
 * The audit log's vocabulary (pure): the closed list of staff actions it records, what each entry's
 * detail holds, when entries are timed and kept, and how an entry reads in plain language (the
 * workspace shows these texts). Only staff appear in it: no action of a respondent is ever an entry,
 * and no detail holds a figure, an answer or a client address.
 */
import type { Language as Lang } from "./i18n.js";
import { LEVELS } from "./levels.js";

export const AUDIT_ACTIONS = [
  "report_read",
  "report_exported",
  "invitation_sent",
  "invitation_resent",
  "invitation_withdrawn",
  "invitation_accepted",
  "manager_revoked",
  "login",
  "login_failed",
  "password_reset",
  "logout_everywhere",
  "round_opened",
  "round_changed",
  "round_closed",
  "codes_issued",
  "plan_focus_set",
  "plan_action_added",
  "plan_action_changed",
  "plan_action_removed",
  "summary_shared",
  "summary_revoked",
  "staff_invited",
  "staff_reminded",
  "round_deleted",
  "organisation_deleted",
  "account_deleted",
  "retention_set",
  "retention_applied",
  "organisation_exported",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Actions about an account rather than one organisation: stored without an organisation. */
export const ACCOUNT_ACTIONS: readonly AuditAction[] = ["login", "login_failed", "password_reset", "logout_everywhere"];

interface RoundRef {
  campaignId: string;
  title: string;
}
interface ActionRef {
  actionId: string;
  /** The action's title as written by staff: what was touched, never a figure. */
  action: string;
}
interface InvitationRef {
  invitationId: string;
  email: string;
}

/** What each action's detail holds: names of what was touched, never figures. */
export interface AuditDetails {
  /** The filters and heatmap dimension asked, as the request named them. */
  report_read: RoundRef & { dimension: string | null; filters: Record<string, string> };
  report_exported: RoundRef & { dimension: string | null; filters: Record<string, string> };
  invitation_sent: InvitationRef & { departments: string[] | null };
  invitation_resent: InvitationRef;
  invitation_withdrawn: InvitationRef;
  invitation_accepted: Record<string, never>;
  /** `userId` is null once the account was deleted (its address then reads "(deleted account)"). */
  manager_revoked: { userId: string | null; email: string };
  login: Record<string, never>;
  /** Failed attempts at the account in the window that starts at the entry's time. */
  login_failed: { count: number };
  password_reset: Record<string, never>;
  logout_everywhere: Record<string, never>;
  round_opened: RoundRef;
  /** The names of the settings changed (title, dates, k, contact, …), never their values. */
  round_changed: RoundRef & { fields: string[] };
  round_closed: RoundRef;
  codes_issued: RoundRef & { count: number };
  plan_focus_set: RoundRef & { levels: string[] };
  plan_action_added: RoundRef & ActionRef;
  /** The names of the fields changed (level, title, owner, dueOn, status). */
  plan_action_changed: RoundRef & ActionRef & { fields: string[] };
  plan_action_removed: RoundRef & ActionRef;
  summary_shared: RoundRef;
  summary_revoked: RoundRef;
  /** Staff invited by e-mail: the mode and counts only, never an address. */
  staff_invited: RoundRef & { mode: string; sent: number; failed: number; invalid: number; duplicates: number };
  /** A reminder run: counts only. */
  staff_reminded: RoundRef & { mode: string; sent: number; failed: number };
  /** What went, by count (src/domain/data-protection.ts); the round's title is the only name. */
  round_deleted: RoundRef & { removed: Record<string, number> };
  /** Written without an organisation (it is gone): its name and what went, by count. */
  organisation_deleted: { name: string; removed: Record<string, number> };
  /** A manager's or consultant's account: no address (it is what was erased), what went by count. */
  account_deleted: { role: string; removed: Record<string, number> };
  retention_set: { months: number | null };
  /** The sweep's work under an organisation's retention (no actor): per round what went. */
  retention_applied: RoundRef & { stage: "comments" | "round"; removed: Record<string, number> };
  organisation_exported: { schemaVersion: number };
}

export type AuditEvent = { [A in AuditAction]: { action: A; detail: AuditDetails[A] } }[AuditAction];

/** Entries are kept this long; the sweep that releases rounds deletes older ones. */
export const AUDIT_RETENTION_DAYS = 400;
/** Failed logins at one account are counted in one entry per this many minutes, from the first. */
const FAILED_LOGIN_WINDOW_MINUTES = 60;

export const isAuditAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);

/** An entry's time: UTC, to the minute, e.g. "2026-03-10T09:30Z" (sorts as text). */
export function auditMinute(now: Date): string {
  return `${now.toISOString().slice(0, 16)}Z`;
}

/** Entries timed before this are older than the retention period. */
export function auditCutoff(now: Date): string {
  return auditMinute(new Date(now.getTime() - AUDIT_RETENTION_DAYS * 24 * 60 * 60 * 1000));
}

/** The start of the failed-login window that is still open at `now`: an entry timed after it counts this attempt. */
export function failedLoginWindowStart(now: Date): string {
  return auditMinute(new Date(now.getTime() - (FAILED_LOGIN_WINDOW_MINUTES - 1) * 60 * 1000));
}

/** An entry as the API lists it. */
export type AuditEntryView = {
  [A in AuditAction]: {
    id: string;
    at: string;
    action: A;
    /** The acting account's address. */
    actor: string;
    detail: AuditDetails[A];
  };
}[AuditAction];

type Texts = { [A in AuditAction]: Record<Lang, (actor: string, detail: AuditDetails[A]) => string> };

const DIMENSION_NAMES: Record<string, Record<Lang, string>> = {
  department: { nl: "afdeling", en: "department" },
  role: { nl: "rol", en: "role" },
  tenure: { nl: "dienstjaren", en: "tenure" },
  location: { nl: "locatie", en: "location" },
};
const FIELD_NAMES: Record<string, Record<Lang, string>> = {
  level: { nl: "niveau", en: "level" },
  title: { nl: "omschrijving", en: "description" },
  owner: { nl: "eigenaar", en: "owner" },
  dueOn: { nl: "datum", en: "due date" },
  status: { nl: "status", en: "status" },
};
const fieldNames = (fields: readonly string[], lang: Lang) => fields.map((f) => FIELD_NAMES[f]?.[lang] ?? f).join(", ");
const levelList = (levels: readonly string[], lang: Lang) =>
  levels.length
    ? levels.map((l) => LEVEL_NAMES.get(l)?.[lang].toLowerCase() ?? l).join(", ")
    : lang === "nl"
      ? "geen"
      : "none";
const LEVEL_NAMES = new Map(LEVELS.map((l) => [l.id as string, l.name]));
const dimensionName = (d: string, lang: Lang) => DIMENSION_NAMES[d]?.[lang] ?? d;

/** " (filter afdeling = Sales; per rol)", or nothing for the whole round. */
function askedText(detail: { dimension: string | null; filters: Record<string, string> }, lang: Lang): string {
  const parts = Object.entries(detail.filters).map(([d, v]) => `filter ${dimensionName(d, lang)} = ${v}`);
  if (detail.dimension) parts.push(`${lang === "nl" ? "per" : "by"} ${dimensionName(detail.dimension, lang)}`);
  return parts.length ? ` (${parts.join("; ")})` : "";
}

const TEXTS: Texts = {
  report_read: {
    nl: (a, d) => `${a} bekeek het rapport van “${d.title}”${askedText(d, "nl")}`,
    en: (a, d) => `${a} read the report of “${d.title}”${askedText(d, "en")}`,
  },
  report_exported: {
    nl: (a, d) => `${a} downloadde het rapport van “${d.title}” als CSV${askedText(d, "nl")}`,
    en: (a, d) => `${a} downloaded the report of “${d.title}” as CSV${askedText(d, "en")}`,
  },
  invitation_sent: {
    nl: (a, d) =>
      `${a} nodigde ${d.email} uit als manager${d.departments ? ` (afdelingen: ${d.departments.join(", ")})` : ""}`,
    en: (a, d) =>
      `${a} invited ${d.email} as a manager${d.departments ? ` (departments: ${d.departments.join(", ")})` : ""}`,
  },
  invitation_resent: {
    nl: (a, d) => `${a} stuurde de uitnodiging van ${d.email} opnieuw`,
    en: (a, d) => `${a} resent the invitation of ${d.email}`,
  },
  invitation_withdrawn: {
    nl: (a, d) => `${a} trok de uitnodiging van ${d.email} in`,
    en: (a, d) => `${a} withdrew the invitation of ${d.email}`,
  },
  invitation_accepted: {
    nl: (a) => `${a} nam de uitnodiging aan`,
    en: (a) => `${a} accepted the invitation`,
  },
  manager_revoked: {
    nl: (a, d) => `${a} trok de toegang van ${d.email} in`,
    en: (a, d) => `${a} revoked the access of ${d.email}`,
  },
  login: {
    nl: (a) => `${a} logde in`,
    en: (a) => `${a} logged in`,
  },
  login_failed: {
    nl: (a, d) =>
      `${d.count} mislukte ${d.count === 1 ? "inlogpoging" : "inlogpogingen"} op het account ${a} (binnen een uur)`,
    en: (a, d) => `${d.count} failed ${d.count === 1 ? "login" : "logins"} at the account ${a} (within an hour)`,
  },
  password_reset: {
    nl: (a) => `${a} koos een nieuw wachtwoord via een herstellink`,
    en: (a) => `${a} set a new password through a reset link`,
  },
  logout_everywhere: {
    nl: (a) => `${a} logde overal uit`,
    en: (a) => `${a} logged out everywhere`,
  },
  round_opened: {
    nl: (a, d) => `${a} opende de ronde “${d.title}”`,
    en: (a, d) => `${a} opened the round “${d.title}”`,
  },
  round_changed: {
    nl: (a, d) => `${a} wijzigde de ronde “${d.title}”: ${d.fields.join(", ")}`,
    en: (a, d) => `${a} changed the round “${d.title}”: ${d.fields.join(", ")}`,
  },
  round_closed: {
    nl: (a, d) => `${a} sloot de ronde “${d.title}” en gaf de resultaten vrij`,
    en: (a, d) => `${a} closed the round “${d.title}” and released its results`,
  },
  codes_issued: {
    nl: (a, d) => `${a} maakte ${d.count} ${d.count === 1 ? "toegangscode" : "toegangscodes"} voor “${d.title}”`,
    en: (a, d) => `${a} issued ${d.count} access ${d.count === 1 ? "code" : "codes"} for “${d.title}”`,
  },
  plan_focus_set: {
    nl: (a, d) => `${a} koos de focusniveaus van het actieplan van “${d.title}”: ${levelList(d.levels, "nl")}`,
    en: (a, d) => `${a} chose the focus levels of the action plan of “${d.title}”: ${levelList(d.levels, "en")}`,
  },
  plan_action_added: {
    nl: (a, d) => `${a} voegde de actie “${d.action}” toe aan het actieplan van “${d.title}”`,
    en: (a, d) => `${a} added the action “${d.action}” to the action plan of “${d.title}”`,
  },
  plan_action_changed: {
    nl: (a, d) => `${a} wijzigde de actie “${d.action}” van “${d.title}” (${fieldNames(d.fields, "nl")})`,
    en: (a, d) => `${a} changed the action “${d.action}” of “${d.title}” (${fieldNames(d.fields, "en")})`,
  },
  plan_action_removed: {
    nl: (a, d) => `${a} verwijderde de actie “${d.action}” uit het actieplan van “${d.title}”`,
    en: (a, d) => `${a} removed the action “${d.action}” from the action plan of “${d.title}”`,
  },
  summary_shared: {
    nl: (a, d) => `${a} maakte een link naar de samenvatting van “${d.title}” voor medewerkers`,
    en: (a, d) => `${a} made a link to the staff summary of “${d.title}”`,
  },
  summary_revoked: {
    nl: (a, d) => `${a} trok de link naar de samenvatting van “${d.title}” in`,
    en: (a, d) => `${a} revoked the link to the staff summary of “${d.title}”`,
  },
  staff_invited: {
    nl: (a, d) =>
      `${a} nodigde medewerkers per e-mail uit voor “${d.title}” (${d.mode === "no_tracking" ? "zonder bijhouden" : "met herinneringen"}): ${d.sent} verstuurd${d.failed ? `, ${d.failed} mislukt` : ""}`,
    en: (a, d) =>
      `${a} invited staff by e-mail to “${d.title}” (${d.mode === "no_tracking" ? "no tracking" : "with reminders"}): ${d.sent} sent${d.failed ? `, ${d.failed} failed` : ""}`,
  },
  staff_reminded: {
    nl: (a, d) =>
      `${a} stuurde een herinnering voor “${d.title}”: ${d.sent} verstuurd${d.failed ? `, ${d.failed} mislukt` : ""}`,
    en: (a, d) => `${a} sent a reminder for “${d.title}”: ${d.sent} sent${d.failed ? `, ${d.failed} failed` : ""}`,
  },
  round_deleted: {
    nl: (a, d) => `${a} verwijderde de ronde “${d.title}”${removedText(d.removed, "nl")}`,
    en: (a, d) => `${a} deleted the round “${d.title}”${removedText(d.removed, "en")}`,
  },
  organisation_deleted: {
    nl: (a, d) => `${a} verwijderde de organisatie “${d.name}”${removedText(d.removed, "nl")}`,
    en: (a, d) => `${a} deleted the organisation “${d.name}”${removedText(d.removed, "en")}`,
  },
  account_deleted: {
    nl: (a, d) =>
      `${a} verwijderde een account (${d.role === "consultant" ? "consultant" : "manager"})${removedText(d.removed, "nl")}`,
    en: (a, d) => `${a} deleted an account (${d.role})${removedText(d.removed, "en")}`,
  },
  retention_set: {
    nl: (a, d) => `${a} stelde de bewaartermijn in op ${d.months === null ? "tot verwijderen" : `${d.months} maanden`}`,
    en: (a, d) => `${a} set the retention period to ${d.months === null ? "until deleted" : `${d.months} months`}`,
  },
  retention_applied: {
    nl: (_a, d) =>
      `Bewaartermijn verstreken: ${d.stage === "comments" ? "de opmerkingen van" : "de ronde"} “${d.title}” verwijderd${removedText(d.removed, "nl")}`,
    en: (_a, d) =>
      `Retention period passed: ${d.stage === "comments" ? "the comments of" : "the round"} “${d.title}” deleted${removedText(d.removed, "en")}`,
  },
  organisation_exported: {
    nl: (a) => `${a} downloadde alle gegevens van de organisatie`,
    en: (a) => `${a} downloaded all of the organisation's data`,
  },
};

const removedText = (removed: Record<string, number> | undefined, lang: Lang) => {
  const parts = Object.entries(removed ?? {})
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${n} ${REMOVED_NAMES[what]?.[lang] ?? what}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
};
const REMOVED_NAMES: Record<string, Record<Lang, string>> = {
  rounds: { nl: "rondes", en: "rounds" },
  responses: { nl: "ruwe antwoorden", en: "raw responses" },
  comments: { nl: "opmerkingen", en: "comments" },
  groups: { nl: "gepubliceerde groepen", en: "published groups" },
  codes: { nl: "codes", en: "codes" },
  staffInvitations: { nl: "uitnodigingen van medewerkers", en: "staff invitations" },
  planActions: { nl: "acties", en: "actions" },
  managers: { nl: "managers", en: "managers" },
  invitations: { nl: "uitnodigingen", en: "invitations" },
  auditEntries: { nl: "logregels", en: "log entries" },
  sessions: { nl: "sessies", en: "sessions" },
  grants: { nl: "toegangen", en: "grants" },
  resetLinks: { nl: "herstellinks", en: "reset links" },
  normSets: { nl: "normsets", en: "norm sets" },
  instruments: { nl: "vragenlijsten", en: "instruments" },
};

/** The entry in plain language. Details come from the database: missing fields read as empty, never throw. */
export function auditText(entry: { action: AuditAction; actor: string; detail: object }, lang: Lang): string {
  const text = TEXTS[entry.action]?.[lang] as ((actor: string, detail: unknown) => string) | undefined;
  if (!text) return `${entry.actor}: ${entry.action}`;
  const detail = { filters: {}, dimension: null, departments: null, levels: [], fields: [], ...entry.detail };
  return text(entry.actor, detail);
}
