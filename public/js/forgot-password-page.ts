/** Asks for a reset link; the answer is the same whether or not the address has an account. */
import { postJson } from "./lib/account-forms.js";
import { mountLanguage, say, texts } from "./lib/account-texts.js";
import { errorText } from "./lib/errors.js";
import { $ } from "./lib/ui.js";

const form = document.getElementById("forgot-form") as HTMLFormElement;
const done = $("done");
const error = $("error");

mountLanguage();

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  try {
    const res = await postJson("/api/auth/password-reset", {
      email: (document.getElementById("email") as HTMLInputElement).value,
    });
    if (res.status !== 202) return say(error, () => errorText(texts.t, res));
    form.hidden = true;
    say(done, () => texts.t("linkOnItsWay"));
  } catch {
    say(error, () => texts.t("noConnection"));
  }
});
