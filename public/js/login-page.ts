/** Login form: posts JSON to the API (so the CSRF guard sees a same-origin JSON request) and opens the dashboard. */
import { postJson } from "./lib/account-forms.js";
import { mountLanguage, say, texts } from "./lib/account-texts.js";
import { errorText } from "./lib/errors.js";
import { $ } from "./lib/ui.js";

const form = document.getElementById("login-form") as HTMLFormElement;
const error = $("login-error");

mountLanguage();

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  const data = new FormData(form);
  try {
    const res = await postJson("/api/auth/login", {
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
    });
    if (res.status === 200) {
      location.href = "/dashboard";
      return;
    }
    say(error, () => errorText(texts.t, res));
  } catch {
    say(error, () => texts.t("noConnection"));
  }
});
