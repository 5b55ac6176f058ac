/**
 * The respondent's page: loads the campaign behind the link, renders the instrument with
 * SurveyJS in Dutch or English, and submits once — retrying with the same submissionId, so a
 * flaky network never double-counts. No cookie is set; unsent answers are kept in this tab's
 * sessionStorage only (lib/draft.ts), and erased once sent.
 */
import "survey-core/i18n/dutch";

import { Model, type Question } from "survey-core";
import { renderSurvey } from "survey-js-ui";

import { registerSurveyProperties } from "../../src/instruments/survey-properties.js";
import type { PublicSurvey } from "../../src/routes/respondent.js";
import { isTextKey, textIn, type TextKey, type TextVars } from "./i18n/index.js";
import { clearDraft, type Draft, hasAnswers, loadDraft, saveDraft } from "./lib/draft.js";
import { errorOf, errorSaying } from "./lib/errors.js";
import { whenResults } from "./lib/participation.js";
import { $ } from "./lib/ui.js";

type Lang = PublicSurvey["defaultLanguage"];

const token = decodeURIComponent(location.pathname.split("/")[2] ?? "");
const statusBox = $("status");
const statusText = $("status-text");
const retryButton = document.getElementById("retry") as HTMLButtonElement;
const startOver = document.getElementById("start-over") as HTMLButtonElement;
/** Once the answers are stored, leaving the page needs no warning. */
let sent = false;
let lang: Lang = (navigator.language || "nl").toLowerCase().startsWith("en") ? "en" : "nl";
let k = 5;
let kComments = 10;
let closesOn: string | null = null;
let survey: Model | undefined;
let accessCode: string | undefined;
/** Who is asking, for which survey, and whom to ask: shown above the code form and the questions. */
let asking: { organisation: string; title: string; contact: string | null } | undefined;
let lastStatus: { key: TextKey; vars?: TextVars; error?: boolean } | undefined;

/** When results come out: after the closing date, or whenever the round is closed. */
const when = () => whenResults({ closesOn }, (key, vars) => textIn(lang, key, vars), lang, "survey.whenDate");

/** A text in the respondent's language; its {k} and {when} are the round's unless given. */
function t(key: TextKey, vars: TextVars = {}): string {
  return textIn(lang, key, { k, when: when(), ...vars });
}

function showAsking(): void {
  if (!asking) return;
  const line = $("asking");
  line.textContent = t(asking.organisation ? "asking" : "askingNoName", {
    organisation: asking.organisation,
    title: asking.title,
  });
  line.hidden = false;
  const contact = $("contact");
  contact.textContent = asking.contact ? t("survey.contact", { contact: asking.contact }) : "";
  contact.hidden = !asking.contact;
}

function setLanguage(next: Lang): void {
  lang = next;
  document.documentElement.lang = next;
  for (const el of document.querySelectorAll<HTMLElement>("[data-i18n]")) {
    const key = el.dataset.i18n;
    el.textContent = isTextKey(key) ? t(key, { kComments }) : (key ?? "");
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === next));
  }
  if (survey) {
    survey.locale = next;
    // SurveyJS keeps the progress line ("Pagina 2 van 7") of the old locale until the page changes.
    survey.updateProgressText();
  }
  showAsking();
  if (lastStatus) showStatus(lastStatus.key, lastStatus.vars, lastStatus.error);
}

function showStatus(key: TextKey, vars?: TextVars, error = false): void {
  $("loading").hidden = true;
  lastStatus = { key, vars, error };
  statusBox.hidden = false;
  statusBox.classList.toggle("error", error);
  statusText.textContent = t(key, vars);
}

/** A v4 UUID; crypto.randomUUID exists only on https and localhost, getRandomValues everywhere. */
function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the answers; network failures are retried with the same id, so the server stores them once. */
async function submit(submissionId: string, answers: Record<string, unknown>): Promise<void> {
  retryButton.hidden = true;
  showStatus("sending");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const res = await fetch(`/api/s/${encodeURIComponent(token)}/responses`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ submissionId, answers, ...(accessCode ? { accessCode } : {}) }),
        credentials: "omit",
      });
      if (res.ok) {
        sent = true;
        clearDraft(token);
        startOver.hidden = true;
        return showStatus("survey.stored");
      }
      if (res.status === 429) {
        // Limited for a while: keep the answers and let the respondent send them again later.
        showStatus(accessCode ? "too_many_codes" : "too_many_submissions", undefined, true);
        retryButton.hidden = false;
        retryButton.onclick = () => void submit(submissionId, answers);
        return;
      }
      if (res.status < 500) {
        const body: unknown = await res.json().catch(() => ({}));
        const said = errorSaying(
          { status: res.status, body },
          { area: "survey", otherwise: "rejected", vars: { message: errorOf(body)?.message || String(res.status) } },
        );
        return showStatus(said?.key ?? "rejected", said?.vars, true);
      }
    } catch {
      // Network error: fall through to the retry below.
    }
    await sleep(800 * 2 ** attempt);
  }
  showStatus("offline", undefined, true);
  retryButton.hidden = false;
  retryButton.onclick = () => void submit(submissionId, answers);
}

function fillGroupings(model: Model, { units, thirdGroupingQuestion }: PublicSurvey): void {
  for (const question of model.getAllQuestions() as Question[]) {
    const dimension = question.getPropertyValue("grouping") as string | undefined;
    if (!dimension) continue;
    // The client's own third grouping (a location, a shift) is asked in its own words.
    if (dimension === "tenure" && thirdGroupingQuestion) question.locTitle.setJson(thirdGroupingQuestion);
    const list = units[dimension];
    if (!list?.length) {
      question.visible = false; // the campaign does not use this dimension
      continue;
    }
    question.setPropertyValue(
      "choices",
      list.map((u) => ({ value: u.value, text: { nl: u.label.nl, en: u.label.en } })),
    );
  }
}

/**
 * A personal link may carry the code in its fragment, which never reaches a server or a referrer.
 * It is taken out of the address bar at once, before anything can fail and leave it in view or in
 * the history of a shared device.
 */
function codeFromLink(): string | null {
  const code = new URLSearchParams(location.hash.slice(1)).get("code");
  if (location.hash) history.replaceState(null, "", location.pathname);
  return code;
}

/** Asks for the single-use code and checks it before the respondent spends ten minutes answering. */
function askForCode(fromLink: string | null): Promise<string> {
  const form = document.getElementById("code-form") as HTMLFormElement;
  const input = document.getElementById("access-code") as HTMLInputElement;
  const error = $("code-error");
  if (fromLink) input.value = fromLink;
  form.hidden = false;
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.hidden = true;
      let key: TextKey;
      try {
        const res = await fetch(`/api/s/${encodeURIComponent(token)}/access-code`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ accessCode: input.value }),
          credentials: "omit",
        });
        if (res.ok) {
          form.hidden = true;
          resolve(input.value);
          return;
        }
        const body: unknown = await res.json().catch(() => ({}));
        key =
          res.status === 429
            ? "too_many_codes"
            : (errorSaying({ status: res.status, body }, { area: "survey" })?.key ?? "survey.error.invalid_code");
      } catch {
        key = "offline";
      }
      error.dataset.i18n = key;
      error.textContent = t(key);
      error.hidden = false;
      input.setAttribute("aria-invalid", "true");
    });
  });
}

/**
 * Restores the respondent's unsent answers and page (lib/draft.ts), keeps them on every change,
 * warns before leaving with unsent answers, offers to start over, and moves focus to the top of
 * each new page so keyboard and screen-reader users start reading there.
 */
function keepDraft(model: Model, draft: Draft | null): void {
  if (draft) {
    model.data = draft.data;
    if (draft.page >= 0 && draft.page < model.visiblePages.length) model.currentPageNo = draft.page;
  }
  const save = () =>
    saveDraft(token, {
      data: model.data as Record<string, unknown>,
      page: model.currentPageNo,
      ...(accessCode ? { accessCode } : {}),
    });
  model.onValueChanged.add(save);
  // SurveyJS scrolls a new page's survey header into view; this page puts the new page's heading at
  // the top instead (below), so the long introduction does not push the first question off a phone.
  model.onScrollToTop.add((_, options) => {
    if (options.page && options.element === options.page) options.allow = false;
  });
  model.onCurrentPageChanged.add(() => {
    save();
    requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>("#survey .sd-page__title, #survey h3, #survey h4");
      const target = heading ?? $("survey");
      target.setAttribute("tabindex", "-1");
      // At the top of the screen, not merely in view: after a long page, focus alone leaves the new
      // page's heading halfway down, below the end of the page before.
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "start" });
    });
  });
  window.addEventListener("beforeunload", (event) => {
    if (!sent && hasAnswers(loadDraft(token))) event.preventDefault();
  });
  startOver.hidden = false;
  startOver.addEventListener("click", () => {
    if (!confirm(t("startOverConfirm"))) return;
    clearDraft(token);
    sent = true; // nothing left to warn about
    location.reload();
  });
}

async function start(): Promise<void> {
  const fromLink = codeFromLink();
  registerSurveyProperties();
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
    button.addEventListener("click", () => setLanguage(button.dataset.lang as Lang));
  }
  setLanguage(lang);
  let data: PublicSurvey;
  try {
    const res = await fetch(`/api/s/${encodeURIComponent(token)}`, { credentials: "omit" });
    const body: unknown = await res.json();
    if (!res.ok)
      return showStatus(
        errorSaying({ status: res.status, body }, { area: "survey" })?.key ?? "load_failed",
        undefined,
        true,
      );
    data = body as PublicSurvey;
  } catch {
    return showStatus("load_failed", undefined, true);
  }
  k = data.k;
  kComments = data.kComments;
  closesOn = data.closesOn;
  document.title = data.title;
  asking = { organisation: data.organisation, title: data.title, contact: data.contact };
  showAsking();
  const draft = loadDraft(token);
  if (data.requiresCode) accessCode = draft?.accessCode ?? (await askForCode(fromLink));
  const model = new Model(data.instrument);
  fillGroupings(model, data);
  keepDraft(model, draft);
  model.onComplete.add((sender) => {
    const answers = { ...(sender.data as Record<string, unknown>) };
    void submit(uuid(), answers);
  });
  // The thank-you text lives in the status box, which also carries errors and the retry button.
  model.completedHtml = " ";
  survey = model;
  setLanguage(data.defaultLanguage);
  renderSurvey(model, $("survey"));
  $("loading").hidden = true;
}

void start();
