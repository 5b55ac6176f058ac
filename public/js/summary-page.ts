/**
 * The results summary for staff, opened by the link a manager or consultant shared: the token is
 * in the fragment (never sent to a server as part of the page's address, never a referrer) and
 * the page reads the summary with it. No login, no cookie; what it shows is the round as a whole,
 * where change has to start and the actions of the plan (src/domain/staff-summary.ts).
 */
import type { StaffSummary } from "../../src/domain/staff-summary.js";
import { DIAGNOSIS_TEXTS, startWhy } from "./lib/diagnosis-texts.js";
import { actionList, dueText, levelName, PLAN_VIEW_TEXTS } from "./lib/plan-view.js";
import { $, createTexts, el, type Lang, type Loc } from "./lib/ui.js";

const T: Record<string, Loc> = {
  appName: { nl: "Klantgerichtheid", en: "Customer-centricity" },
  print: { nl: "Afdrukken", en: "Print" },
  loading: { nl: "De samenvatting wordt geladen…", en: "Loading the summary…" },
  notFound: {
    nl: "Deze link werkt niet (meer). Vraag wie hem deelde om een nieuwe.",
    en: "This link does not work (any more). Ask whoever shared it for a new one.",
  },
  tooMany: {
    nl: "Te veel links geprobeerd vanaf dit netwerk. Probeer het later opnieuw.",
    en: "Too many links were tried from this network. Try again later.",
  },
  failed: { nl: "De samenvatting kon niet worden geladen.", en: "The summary could not be loaded." },
  facts: {
    nl: "Resultaten vrijgegeven op {date} · {n} collega's deden mee",
    en: "Results released on {date} · {n} colleagues took part",
  },
  startHere: { nl: "Waar de verandering moet beginnen", en: "Where change has to start" },
  startNote: {
    nl: "Elk niveau wordt aangestuurd door het niveau erboven. Daarom begint de verandering bij het hoogste niveau dat zwak is of waarop collega's verdeeld zijn.",
    en: "Each level is organised by the one above it. So change starts at the highest level that is weak or on which colleagues are divided.",
  },
  levels: { nl: "De zeven niveaus, van boven naar beneden", en: "The seven levels, top-down" },
  levelsNote: {
    nl: "Scores van 0 tot 100: het gemiddelde van alle antwoorden van de ronde.",
    en: "Scores from 0 to 100: the mean of all answers of the round.",
  },
  decisions: { nl: "Waar collega's een uitzondering op baseren", en: "What colleagues base an exception on" },
  actions: { nl: "Wat we gaan doen", en: "What we will do" },
  focus: { nl: "We richten ons op: {levels}.", en: "We focus on: {levels}." },
  noFocus: { nl: "Er zijn nog geen focusniveaus gekozen.", en: "No focus levels have been chosen yet." },
  about: { nl: "Wat deze samenvatting laat zien", en: "What this summary shows" },
  aboutText: {
    nl: "Alleen de resultaten van de ronde als geheel, omdat minstens {k} collega's antwoordden: geen afdelingen of teams, geen opmerkingen en geen antwoorden van één persoon. Niemand kan hieruit afleiden wat een collega antwoordde.",
    en: "Only the results of the round as a whole, because at least {k} colleagues answered: no departments or teams, no comments and no answers of any one person. Nobody can tell from this what a colleague answered.",
  },
  startMark: { nl: "hier beginnen", en: "start here" },
};

const texts = createTexts({ ...T, ...DIAGNOSIS_TEXTS, ...PLAN_VIEW_TEXTS });
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

function say(key: string): void {
  $("message").hidden = false;
  $("message").textContent = t(key);
}

function show(key: string): void {
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
      if (key) say(key);
    });
  }
  $("print").addEventListener("click", () => window.print());
  // Another link pasted into the same tab changes only the fragment: read that one.
  window.addEventListener("hashchange", () => void load());
  render();
  void load();
}

start();
