/** Asks for a reset link; the answer is the same whether or not the address has an account. */
import { messageOf, NO_CONNECTION, postJson, show } from "./lib/account-forms.js";

const form = document.getElementById("forgot-form") as HTMLFormElement;
const done = document.getElementById("done")!;
const error = document.getElementById("error")!;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.hidden = true;
  try {
    const res = await postJson<{ message?: string }>("/api/auth/password-reset", { email: (document.getElementById("email") as HTMLInputElement).value });
    if (res.status !== 202) return show(error, messageOf(res.body, res.status));
    form.hidden = true;
    show(done, `Als er een account bij dit adres hoort, is er een e-mail met een link onderweg; de link werkt één keer, een uur lang. · ${res.body.message ?? ""}`);
  } catch {
    show(error, NO_CONNECTION);
  }
});
