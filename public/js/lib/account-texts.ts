/**
 * The account pages' words (login, invitation, forgotten and new password) in Dutch and English,
 * the server's error codes said in the page's language, and the language switch they share.
 */
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../../src/domain/password-length.js";
import type { PasswordProblem } from "../../../src/domain/password-rules.js";
import { createTexts } from "./ui.js";

export const texts = createTexts({
  appName: { nl: "Klantgerichtheid", en: "Customer-centricity" },
  loginTitle: { nl: "Inloggen", en: "Log in" },
  loginIntro: { nl: "Rapportage voor management en adviseurs", en: "Reports for management and consultants" },
  email: { nl: "E-mail", en: "E-mail" },
  password: { nl: "Wachtwoord", en: "Password" },
  logIn: { nl: "Inloggen", en: "Log in" },
  forgot: { nl: "Wachtwoord vergeten?", en: "Forgot your password?" },
  forgotTitle: { nl: "Wachtwoord vergeten", en: "Forgot your password" },
  forgotIntro: {
    nl: "Vul je e-mailadres in: als er een account bij hoort, krijg je een link om een nieuw wachtwoord te kiezen.",
    en: "Enter your e-mail address: if it has an account, you get a link to choose a new password.",
  },
  sendLink: { nl: "Link sturen", en: "Send link" },
  linkOnItsWay: {
    nl: "Als er een account bij dit adres hoort, is er een e-mail met een link onderweg; de link werkt één keer, een uur lang.",
    en: "If this address has an account, an e-mail with a link is on its way; the link works once, for an hour.",
  },
  backToLogin: { nl: "Terug naar inloggen", en: "Back to log in" },
  resetTitle: { nl: "Nieuw wachtwoord", en: "New password" },
  resetIntro: {
    nl: "Minstens 12 tekens en niet makkelijk te raden. Daarna worden alle bestaande sessies beëindigd.",
    en: "At least 12 characters and not easy to guess. Every existing session then ends.",
  },
  newPassword: { nl: "Nieuw wachtwoord", en: "New password" },
  repeat: { nl: "Herhaal", en: "Repeat" },
  setPassword: { nl: "Wachtwoord instellen", en: "Set password" },
  passwordSet: {
    nl: "Je wachtwoord is ingesteld: log in met je nieuwe wachtwoord.",
    en: "Your password is set: log in with your new password.",
  },
  toLogin: { nl: "Naar inloggen", en: "To log in" },
  invitationTitle: { nl: "Uitnodiging", en: "Invitation" },
  invitationLoading: { nl: "Uitnodiging laden…", en: "Loading the invitation…" },
  invited: {
    nl: "{email} is uitgenodigd voor de rapportages van {organisation}{units}; de uitnodiging verloopt op {expires}.",
    en: "{email} is invited to the reports of {organisation}{units}; the invitation expires on {expires}.",
  },
  choosePasswordIntro: {
    nl: "Kies je eigen wachtwoord: minstens 12 tekens en niet makkelijk te raden (geen bekend wachtwoord, geen naam of e-mailadres). Een paar losse woorden werkt goed.",
    en: "Choose your own password: at least 12 characters and not easy to guess (no common password, name or e-mail address). A few unrelated words work well.",
  },
  createAndAccept: { nl: "Account maken en aannemen", en: "Create account and accept" },
  haveAccountIntro: {
    nl: "Je hebt al een account: log in om de uitnodiging aan te nemen.",
    en: "You have an account already: log in to accept the invitation.",
  },
  logInAndAccept: { nl: "Inloggen en aannemen", en: "Log in and accept" },
  linkIncomplete: {
    nl: "Deze link is onvolledig: open hem opnieuw vanuit de e-mail.",
    en: "This link is incomplete: open it again from the e-mail.",
  },
  noConnection: { nl: "Geen verbinding. Probeer het opnieuw.", en: "No connection. Please try again." },
  tooShort: { nl: `Minstens ${MIN_PASSWORD_LENGTH} tekens.`, en: `At least ${MIN_PASSWORD_LENGTH} characters.` },
  differ: { nl: "De wachtwoorden verschillen.", en: "The passwords differ." },
  // The server's error codes, and the password rule's problems.
  invalid_credentials: { nl: "E-mail of wachtwoord klopt niet.", en: "The e-mail or password is not right." },
  too_many_attempts: {
    nl: "Te veel pogingen. Probeer het over {minutes} minuten opnieuw.",
    en: "Too many attempts. Try again in {minutes} minutes.",
  },
  invitation_not_found: {
    nl: "Deze uitnodiging bestaat niet (meer): vraag je adviseur om een nieuwe.",
    en: "This invitation does not exist (any more): ask your consultant for a new one.",
  },
  invitation_expired: {
    nl: "Deze uitnodiging is verlopen: vraag je adviseur om een nieuwe.",
    en: "This invitation has expired: ask your consultant for a new one.",
  },
  wrong_account: {
    nl: "Je bent ingelogd met een ander adres dan het uitgenodigde.",
    en: "You are logged in with another address than the one invited.",
  },
  log_in_to_accept: { nl: "Log in om de uitnodiging aan te nemen.", en: "Log in to accept the invitation." },
  consultant_account: {
    nl: "Dit adres hoort bij een adviseur en kan geen uitnodiging als manager aannemen.",
    en: "This address belongs to a consultant and cannot accept an invitation as a manager.",
  },
  reset_link_invalid: {
    nl: "Deze link werkt niet (meer): vraag een nieuwe aan.",
    en: "This link does not work (any more): ask for a new one.",
  },
  too_long: {
    nl: `Een wachtwoord heeft hoogstens ${MAX_PASSWORD_LENGTH} tekens.`,
    en: `A password has at most ${MAX_PASSWORD_LENGTH} characters.`,
  },
  too_short: {
    nl: `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens.`,
    en: `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
  },
  contains_email: {
    nl: "Een wachtwoord mag je e-mailadres of de naam ervan niet bevatten.",
    en: "A password may not contain your e-mail address or its name part.",
  },
  too_common: {
    nl: "Dit wachtwoord is te makkelijk te raden: het is bekend, of gemaakt van woorden, namen, data, herhalingen of toetsenbordpatronen. Probeer een paar losse woorden samen, of een wachtwoordmanager.",
    en: "This password is too easy to guess: it is common, or built from words, names, dates, repeats or keyboard patterns. Try a few unrelated words together, or a password manager.",
  },
} satisfies Record<string, unknown> & Record<PasswordProblem, unknown>);

interface ErrorBody {
  error?: { code?: string; message?: string; details?: { path: string; message: string }[] };
}

/** An error answer in the page's language: by its code (a password's problem for weak_password), else the server's own words. */
export function errorText(body: unknown, status: number): string {
  const error = (body as ErrorBody).error;
  const detail = (path: string) => error?.details?.find((d) => d.path === path)?.message ?? "";
  const key = error?.code === "weak_password" ? detail("password") : (error?.code ?? "");
  const known = texts.t(key, { minutes: Math.max(1, Math.ceil(Number(detail("retryAfter")) / 60)) });
  return known !== key ? known : (error?.message ?? `Error ${status}`);
}

/** The page's own checks before it asks the server, which applies the full rules: the text's key, or null. */
export function passwordProblem(password: string, repeat: string): "tooShort" | "differ" | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "tooShort";
  if (password !== repeat) return "differ";
  return null;
}

const said = new Map<HTMLElement, () => string>();

/** Shows `text()` in `node` and says it again in the other language when the page switches. */
export function say(node: HTMLElement, text: () => string): void {
  said.set(node, text);
  node.textContent = text();
  node.hidden = false;
}

function fill(): void {
  texts.apply();
  document.title = texts.t(document.body.dataset.title ?? "appName");
  for (const [node, text] of said) node.textContent = text();
}

/** Fills the page in its language and switches everything, also what the script said, on the NL/EN buttons. */
export function mountLanguage(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
    button.addEventListener("click", () => {
      texts.setLang(button.dataset.lang as "nl" | "en");
      fill();
    });
  }
  fill();
}
