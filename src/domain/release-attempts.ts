/**
 * Release attempts that did not make a release: why, and when the round is tried again. An attempt
 * is written down before it starts, so one that takes the process down (out of memory) is found on
 * restart as "interrupted" and waits out its back-off instead of being retried at once — a round
 * that kills the server does not crash-loop it, and every other round is released meanwhile.
 * Pure; storage is src/storage/release-attempts.ts.
 */
import type { Localised } from "./i18n.js";

/** Why a round has no release yet though it is due; the closed list the API and the workspace show. */
export const ATTEMPT_REASONS = ["interrupted", "instrument_missing", "too_large", "failed"] as const;
export type AttemptReason = (typeof ATTEMPT_REASONS)[number];
/** What a due round without a release shows: why its last attempt made none, or "running" while one is being made. */
export const ATTEMPT_STATES = [...ATTEMPT_REASONS, "running"] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

/** The first wait after a failed attempt; each further attempt doubles it, up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 5 * 60 * 1000;
const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

/** How long to wait before attempt `attempts + 1`, after `attempts` that made no release (at least 1). */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}

/** When attempt `attempts + 1` may start, as ISO time. */
export const nextAttemptAt = (attempts: number, now: Date): string =>
  new Date(now.getTime() + backoffMs(attempts)).toISOString();

/** What the consultant reads of a round that is due but not released, and what to do. */
export const ATTEMPT_ADVICE: Record<AttemptState, Localised> = {
  running: {
    nl: "De ronde is gesloten en de resultaten worden nu vrijgegeven. Bij een grote ronde duurt dat enkele minuten; laad de pagina daarna opnieuw.",
    en: "The round is closed and its results are being released now. For a large round this takes a few minutes; reload the page after that.",
  },
  interrupted: {
    nl: "De vorige poging om de resultaten vrij te geven werd onderbroken (de server stopte, bijvoorbeeld door te weinig geheugen). Hij wordt vanzelf opnieuw geprobeerd; blijft het misgaan, geef de server dan meer geheugen of neem contact op met de beheerder.",
    en: "The last attempt to release the results was interrupted (the server stopped, for instance out of memory). It is retried by itself; if it keeps failing, give the server more memory or contact its administrator.",
  },
  instrument_missing: {
    nl: "De vragenlijstversie van deze ronde is niet geïnstalleerd op deze server. Installeer die versie (of zet een oudere versie van de software terug); de ronde wordt daarna vanzelf vrijgegeven.",
    en: "This round's questionnaire version is not installed on this server. Install that version (or go back to an earlier release of the software); the round is then released by itself.",
  },
  too_large: {
    nl: "Deze ronde heeft te veel kleine groepen (afdeling × rol × diensttijd) om binnen het geheugen van deze server vrij te geven. Geef de server meer geheugen (de beheerder: --max-old-space-size) of neem contact op met de beheerder; de ronde wordt daarna vanzelf opnieuw geprobeerd. De antwoorden blijven bewaard.",
    en: "This round has too many small groups (department × role × tenure) to release within this server's memory. Give the server more memory (its administrator: --max-old-space-size) or contact its administrator; the round is then retried by itself. The answers are kept.",
  },
  failed: {
    nl: "Het vrijgeven van de resultaten mislukte. Het wordt vanzelf opnieuw geprobeerd, met steeds langere tussenpozen; de serverlog noemt de fout.",
    en: "Releasing the results failed. It is retried by itself, at growing intervals; the server log names the error.",
  },
};
