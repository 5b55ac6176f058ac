/**
 * The invitation link's page: says who is invited to which organisation until when, then either
 * lets the address choose its password (no account yet) or log in and accept (an account). On
 * success it logs in and opens the dashboard.
 */
import { messageOf, NO_CONNECTION, passwordProblem, postJson, show, takeTokenFromFragment } from "./lib/account-forms.js";

interface Described {
  organisation: string;
  email: string;
  scope: { department?: string[] } | null;
  expiresAt: string;
  next: "choose_password" | "log_in";
}

const token = takeTokenFromFragment();
const summary = document.getElementById("summary")!;
const error = document.getElementById("error")!;
const newForm = document.getElementById("new-account") as HTMLFormElement;
const loginForm = document.getElementById("existing-account") as HTMLFormElement;
const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;

const when = (iso: string, locale: string) => new Date(iso).toLocaleString(locale, { dateStyle: "long", timeStyle: "short" });

async function logInAndOpen(email: string, password: string): Promise<boolean> {
  const res = await postJson("/api/auth/login", { email, password });
  if (res.status !== 200) return false;
  location.href = "/dashboard";
  return true;
}

async function accept(body: object): Promise<boolean> {
  const res = await postJson(`/api/invitations/${encodeURIComponent(token)}/accept`, body);
  if (res.status === 200) return true;
  show(error, messageOf(res.body, res.status));
  return false;
}

async function start(): Promise<void> {
  if (!token) {
    summary.textContent = "Deze link is onvolledig: open hem opnieuw vanuit de e-mail. · This link is incomplete: open it again from the e-mail.";
    return;
  }
  let res: Response;
  try {
    res = await fetch(`/api/invitations/${encodeURIComponent(token)}`, { headers: { accept: "application/json" } });
  } catch {
    summary.textContent = NO_CONNECTION;
    return;
  }
  const body = (await res.json().catch(() => ({}))) as Described;
  if (!res.ok) {
    summary.textContent = messageOf(body, res.status);
    summary.className = "error";
    return;
  }
  const units = body.scope?.department?.length ? ` (${body.scope.department.join(", ")})` : "";
  summary.textContent =
    `${body.email} is uitgenodigd voor de rapportages van ${body.organisation}${units}; de uitnodiging verloopt op ${when(body.expiresAt, "nl-NL")}. · ` +
    `${body.email} is invited to the reports of ${body.organisation}${units}; the invitation expires on ${when(body.expiresAt, "en-GB")}.`;
  const form = body.next === "choose_password" ? newForm : loginForm;
  (form.querySelector("input[type=email]") as HTMLInputElement).value = body.email;
  form.hidden = false;

  newForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const password = value("new-password");
    const problem = passwordProblem(password, value("new-repeat"));
    if (problem) return show(error, problem);
    try {
      if (!(await accept({ password }))) return;
      if (!(await logInAndOpen(body.email, password))) location.href = "/login";
    } catch {
      show(error, NO_CONNECTION);
    }
  });

  loginForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      const login = await postJson("/api/auth/login", { email: body.email, password: value("login-password") });
      if (login.status !== 200) return show(error, messageOf(login.body, login.status));
      if (await accept({})) location.href = "/dashboard";
    } catch {
      show(error, NO_CONNECTION);
    }
  });
}

void start();
