/** Sets a new password through a reset link (the token is in the fragment). */
import { messageOf, NO_CONNECTION, passwordProblem, postJson, show, takeTokenFromFragment } from "./lib/account-forms.js";

const token = takeTokenFromFragment();
const form = document.getElementById("reset-form") as HTMLFormElement;
const error = document.getElementById("error")!;
const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;

if (!token) show(error, "Deze link is onvolledig: open hem opnieuw vanuit de e-mail. · This link is incomplete: open it again from the e-mail.");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  const password = value("password");
  const problem = passwordProblem(password, value("repeat"));
  if (problem) return show(error, problem);
  try {
    const res = await postJson(`/api/auth/password-reset/${encodeURIComponent(token)}`, { password });
    if (res.status !== 204) return show(error, messageOf(res.body, res.status));
    form.hidden = true;
    document.getElementById("done")!.hidden = false;
  } catch {
    show(error, NO_CONNECTION);
  }
});
