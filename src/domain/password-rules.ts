/**
 * What a password must be, wherever one is set (accepting an invitation, a reset, the command
 * line): at least 12 characters, and not easy to guess. Pure: no I/O; the strength estimator
 * (zxcvbn-ts with its common-password and keyboard dictionaries, which bundle for Workers) runs in
 * memory, built once on first use.
 *
 * zxcvbn estimates how many guesses an attacker who tries common passwords, words, names, dates,
 * keyboard walks, repeats and sequences first would need; score 3 means more than 10^8 guesses,
 * "safely unguessable" against an online attack and costly offline against PBKDF2.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-length.js";

export { MIN_PASSWORD_LENGTH };
/** The least zxcvbn score (0–4) accepted. */
const MIN_STRENGTH_SCORE = 3;

export type PasswordProblem = "too_short" | "too_long" | "contains_email" | "too_common";

export type PasswordVerdict = { ok: true } | { ok: false; problem: PasswordProblem; message: string };

/**
 * Dutch words people build passwords from, which the common (English-heavy) lists miss; the
 * audience is Dutch first. zxcvbn also catches them capitalised, in l33t and with years appended.
 */
const DUTCH_COMMON = [
  "wachtwoord",
  "welkom",
  "welkom01",
  "geheim",
  "zomer",
  "winter",
  "lente",
  "herfst",
  "voorjaar",
  "najaar",
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
  "maandag",
  "dinsdag",
  "woensdag",
  "donderdag",
  "vrijdag",
  "zaterdag",
  "zondag",
  "hallo",
  "doei",
  "ajax",
  "feyenoord",
  "amsterdam",
  "rotterdam",
  "utrecht",
  "nederland",
  "holland",
  "oranje",
  "schatje",
  "liefde",
  "kaas",
  "fiets",
  "voetbal",
  "gemeente",
  "woningcorporatie",
  "zorg",
  "verzekeraar",
  "directeur",
  "manager",
  "medewerker",
  "kantoor",
];

/** Words of this product a password must not lean on, besides the account's own address. */
const PRODUCT_WORDS = ["klantgericht", "klantgerichtheid", "customer-centricity", "survey", "enquete"];

let estimator: ZxcvbnFactory | undefined;
const estimate = () =>
  (estimator ??= new ZxcvbnFactory({ dictionary: { ...dictionary, dutch: DUTCH_COMMON }, graphs: adjacencyGraphs }));

/** Whether `password` may be set for the account of `email`; the message says why not, in plain words. */
export function checkPassword(password: string, email: string): PasswordVerdict {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return { ok: false, problem: "too_short", message: `A password needs at least ${MIN_PASSWORD_LENGTH} characters.` };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return {
      ok: false,
      problem: "too_long",
      message: `A password may have at most ${MAX_PASSWORD_LENGTH} characters.`,
    };
  }
  const address = email.trim().toLowerCase();
  const local = address.split("@")[0] ?? "";
  const lower = password.toLowerCase();
  if (address && (lower.includes(address) || (local.length >= 4 && lower.includes(local)))) {
    return {
      ok: false,
      problem: "contains_email",
      message: "A password may not contain your e-mail address or its name part.",
    };
  }
  const domainWords = (address.split("@")[1] ?? "").split(".").filter((w) => w.length >= 4);
  const { score } = estimate().check(password, [
    address,
    local,
    ...local.split(/[._-]/).filter((w) => w.length >= 3),
    ...domainWords,
    ...PRODUCT_WORDS,
  ]);
  if (score < MIN_STRENGTH_SCORE) {
    return {
      ok: false,
      problem: "too_common",
      message:
        "This password is too easy to guess: it is common, or built from words, names, dates, repeats or keyboard patterns. Try a few unrelated words together, or a password manager.",
    };
  }
  return { ok: true };
}
