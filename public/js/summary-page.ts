/**
 * The results summary for staff, opened by the link a manager or consultant shared: the token is
 * in the fragment (never sent to a server as part of the page's address, never a referrer) and
 * the page reads the summary with it. No login, no cookie; what it shows is the round as a whole,
 * where change has to start and the actions of the plan (src/domain/staff-summary.ts).
 */
import type { StaffSummary } from "../../src/domain/staff-summary.js";
import { isTextKey } from "./i18n/index.js";
import { startWhy } from "./lib/diagnosis-texts.js";
import { actionList, dueText, levelName } from "./lib/plan-view.js";
import { $, createTexts, el, type Lang, type TextKey } from "./lib/ui.js";

const texts = createTexts();
const t = texts.t.bind(texts);
let summary: StaffSummary | null = null;

function render(): void {
  texts.apply();
  if (!summary) return;
  const lang = texts.lang;
  const s = summary;
  $("content").hidden = false;
  $("organisation").textContent = s.round.organisation;
  $("title").textContent = s.round.title;
  document.title = `${s.round.title} · ${s.round.organisation}`;
  $("facts").textContent = t("facts", { date: dueText(s.round.releasedOn, t, lang), n: s.round.respondents });
  const start = s.startHere;
  const why = startWhy(start, t);
  $("start-level").textContent = start?.level
    ? `${levelName(start.level, lang)}${why ? ` (${why})` : ""}`
    : t("noStart");
  $("start-explanation").textContent = start?.explanation[lang] ?? "";
  $("levels").replaceChildren(...s.levels.map((l) => levelItem(l, start?.level ?? null, lang)));
  $("decisions-card").hidden = s.decisions === null;
  $("decisions").textContent = s.decisions?.headline[lang] ?? "";
  const focus = s.plan.focusLevels.map((id) => levelName(id, lang).toLowerCase()).join(", ");
  $("focus").textContent = focus ? t("focus", { levels: focus }) : t("noFocus");
  $("actions").replaceChildren(actionList(s.plan.actions, t, lang));
  $("about").textContent = t("aboutText", { k: s.round.k });
}

function levelItem(l: StaffSummary["levels"][number], start: string | null, lang: Lang): HTMLLIElement {
  const item = el(
    "li",
    undefined,
    [l.weak && "weak", l.divided && "divided", l.id === start && "start"].filter(Boolean).join(" "),
  );
  item.append(
    el("span", levelName(l.id, lang)),
    el("span", l.score.toLocaleString(lang === "nl" ? "nl-NL" : "en-GB"), "score"),
  );
  const bar = el("span", undefined, "bar");
  bar.setAttribute("aria-hidden", "true");
  const fill = el("span");
  fill.style.width = `${Math.max(0, Math.min(100, l.score))}%`;
  bar.append(fill);
  item.append(bar);
  // The flags in words, never by colour alone.
  const flags = [
    l.id === start && t("startMark"),
    l.weak && t("weak"),
    !l.weak && l.possiblyWeak && t("possibly_weak"),
    l.divided && t("divided"),
  ].filter(Boolean);
  if (flags.length > 0) item.append(el("span", flags.join(" · "), "flags"));
  return item;
}

function say(key: TextKey): void {
  $("message").hidden = false;
  $("message").textContent = t(key);
}

function show(key: TextKey): void {
  $("message").dataset.key = key;
  say(key);
}

/** Reads the summary the link in the address names. */
async function load(): Promise<void> {
  summary = null;
  $("content").hidden = true;
  const token = location.hash.slice(1);
  if (!token) return show("notFound");
  show("loading");
  // In the body, not the path: request paths end up in proxy and CDN logs.
  const res = await fetch("/api/summaries/read", {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({ token }),
  }).catch(() => null);
  if (!res || res.status !== 200)
    return show(
      !res
        ? "failed"
        : res.status === 404 || res.status === 400
          ? "notFound"
          : res.status === 429
            ? "tooMany"
            : "failed",
    );
  summary = (await res.json()) as StaffSummary;
  $("message").hidden = true;
  delete $("message").dataset.key;
  render();
}

function start(): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>("[data-lang]")) {
    b.addEventListener("click", () => {
      texts.setLang(b.dataset.lang as Lang);
      render();
      const key = $("message").dataset.key;
      if (isTextKey(key)) say(key);
    });
  }
  $("print").addEventListener("click", () => window.print());
  // Another link pasted into the same tab changes only the fragment: read that one.
  window.addEventListener("hashchange", () => void load());
  render();
  void load();
}

start();
