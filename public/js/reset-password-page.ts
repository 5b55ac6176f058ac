/** Sets a new password through a reset link (the token is in the fragment). */
import { postJson, takeTokenFromFragment } from "./lib/account-forms.js";
import { mountLanguage, passwordProblem, say, texts } from "./lib/account-texts.js";
import { errorText } from "./lib/errors.js";
import { $ } from "./lib/ui.js";

const token = takeTokenFromFragment();
const form = document.getElementById("reset-form") as HTMLFormElement;
const error = $("error");
const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;

mountLanguage();
if (!token) say(error, () => texts.t("linkIncomplete"));

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  const password = value("password");
  const problem = passwordProblem(password, value("repeat"));
  if (problem) return say(error, () => texts.t(problem));
  try {
    const res = await postJson(`/api/auth/password-reset/${encodeURIComponent(token)}`, { password });
    if (res.status !== 204) return say(error, () => errorText(texts.t, res));
    form.hidden = true;
    $("done").hidden = false;
  } catch {
    say(error, () => texts.t("noConnection"));
  }
});
