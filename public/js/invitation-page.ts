/**
 * The invitation link's page: says who is invited to which organisation until when, then either
 * lets the address choose its password (no account yet) or log in and accept (an account). On
 * success it logs in and opens the dashboard.
 */
import type { describeInvitation } from "../../src/services/invitations.js";
import { postJson, takeTokenFromFragment } from "./lib/account-forms.js";
import { mountLanguage, passwordProblem, say, texts } from "./lib/account-texts.js";
import { errorText } from "./lib/errors.js";
import { $ } from "./lib/ui.js";

type Described = Awaited<ReturnType<typeof describeInvitation>>;

const token = takeTokenFromFragment();
const summary = $("summary");
const error = $("error");
const newForm = document.getElementById("new-account") as HTMLFormElement;
const loginForm = document.getElementById("existing-account") as HTMLFormElement;
const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value;

const when = (iso: string) =>
  new Date(iso).toLocaleString(texts.lang === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeStyle: "short" });

async function logInAndOpen(email: string, password: string): Promise<boolean> {
  const res = await postJson("/api/auth/login", { email, password });
  if (res.status !== 200) return false;
  location.href = "/dashboard";
  return true;
}

async function accept(body: object): Promise<boolean> {
  const res = await postJson(`/api/invitations/${encodeURIComponent(token)}/accept`, body);
  if (res.status === 200) return true;
  say(error, () => errorText(texts.t, res));
  return false;
}

function failed(text: () => string): void {
  say(summary, text);
  summary.className = "error";
}

async function start(): Promise<void> {
  mountLanguage();
  if (!token) return failed(() => texts.t("linkIncomplete"));
  let res: Response;
  try {
    res = await fetch(`/api/invitations/${encodeURIComponent(token)}`, { headers: { accept: "application/json" } });
  } catch {
    return failed(() => texts.t("noConnection"));
  }
  const body = (await res.json().catch(() => ({}))) as Described;
  if (!res.ok) return failed(() => errorText(texts.t, { status: res.status, body }));
  const units = body.scope?.department?.length ? ` (${body.scope.department.join(", ")})` : "";
  say(summary, () =>
    texts.t("invited", { email: body.email, organisation: body.organisation, units, expires: when(body.expiresAt) }),
  );
  const form = body.next === "choose_password" ? newForm : loginForm;
  (form.querySelector("input[type=email]") as HTMLInputElement).value = body.email;
  form.hidden = false;

  newForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const password = value("new-password");
    const problem = passwordProblem(password, value("new-repeat"));
    if (problem) return say(error, () => texts.t(problem));
    try {
      if (!(await accept({ password }))) return;
      if (!(await logInAndOpen(body.email, password))) location.href = "/login";
    } catch {
      say(error, () => texts.t("noConnection"));
    }
  });

  loginForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      const login = await postJson("/api/auth/login", { email: body.email, password: value("login-password") });
      if (login.status !== 200) return say(error, () => errorText(texts.t, login));
      if (await accept({})) location.href = "/dashboard";
    } catch {
      say(error, () => texts.t("noConnection"));
    }
  });
}

void start();
