/**
 * What the account pages (login, invitation, forgotten and new password) share: their language and
 * its switch, which also says again what the script said, and the page's own password checks.
 * Their words are in the catalogues (public/js/i18n), their errors said by lib/errors.ts.
 */
import { MIN_PASSWORD_LENGTH } from "../../../src/domain/password-length.js";
import { isLang, isTextKey } from "../i18n/index.js";
import { createTexts } from "./ui.js";

export const texts = createTexts();

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
  const title = document.body.dataset.title;
  document.title = texts.t(isTextKey(title) ? title : "appName");
  for (const [node, text] of said) node.textContent = text();
}

/** Fills the page in its language and switches everything, also what the script said, on the NL/EN buttons. */
export function mountLanguage(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
    button.addEventListener("click", () => {
      if (isLang(button.dataset.lang)) texts.setLang(button.dataset.lang);
      fill();
    });
  }
  fill();
}
