/**
 * What the dashboard's action plan and the staff summary page share: the words for an action's
 * fields and statuses, and an action list that reads on a phone and in print (one item per action,
 * its level, owner, date and status in words — no table to scroll sideways).
 */
import { ACTION_STATUSES, type PlanAction } from "../../../src/domain/action-plan.js";
import { levelById, type LevelId } from "../../../src/domain/levels.js";
import { el, type Lang, type Loc } from "./ui.js";

export const PLAN_VIEW_TEXTS: Record<string, Loc> = {
  status_planned: { nl: "gepland", en: "planned" },
  status_in_progress: { nl: "bezig", en: "in progress" },
  status_done: { nl: "klaar", en: "done" },
  planLevel: { nl: "Niveau", en: "Level" },
  planTitle: { nl: "Actie", en: "Action" },
  planOwner: { nl: "Eigenaar", en: "Owner" },
  planDue: { nl: "Klaar op", en: "Due" },
  planStatus: { nl: "Status", en: "Status" },
  planNoDate: { nl: "geen datum", en: "no date" },
  planNoActions: { nl: "Nog geen acties.", en: "No actions yet." },
};

export { ACTION_STATUSES };

type T = (key: string, vars?: Record<string, string | number>) => string;

export const levelName = (id: LevelId, lang: Lang) => levelById(id).name[lang];

/** A date as people write it in the page's language. */
export function dueText(dueOn: string | null, t: T, lang: Lang): string {
  if (!dueOn) return t("planNoDate");
  return new Date(`${dueOn}T12:00:00Z`).toLocaleDateString(lang === "nl" ? "nl-NL" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** Actions as a list: the action in bold, then level, owner, date and status in words. */
export function actionList(actions: readonly Omit<PlanAction, "id">[], t: T, lang: Lang): HTMLElement {
  if (actions.length === 0) return el("p", t("planNoActions"), "muted");
  const list = el("ul", undefined, "plan-actions");
  for (const a of actions) {
    const item = el("li", undefined, `status-${a.status}`);
    item.append(el("strong", a.title));
    const facts = el("span", undefined, "plan-facts");
    facts.append(
      `${levelName(a.level, lang)} · ${t("planOwner")}: ${a.owner} · ${t("planDue")}: ${dueText(a.dueOn, t, lang)} · `,
      el("span", t(`status_${a.status}`), `plan-status ${a.status}`),
    );
    item.append(facts);
    list.append(item);
  }
  return list;
}
