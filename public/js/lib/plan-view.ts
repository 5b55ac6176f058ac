/**
 * What the dashboard's action plan and the staff summary page share: the words for an action's
 * fields and statuses, and an action list that reads on a phone and in print (one item per action,
 * its level, owner, date and status in words — no table to scroll sideways).
 */
import { ACTION_STATUSES, type PlanAction } from "../../../src/domain/action-plan.js";
import { levelById, type LevelId } from "../../../src/domain/levels.js";
import { el, type Lang, type Translate } from "./ui.js";

export { ACTION_STATUSES };

export const levelName = (id: LevelId, lang: Lang) => levelById(id).name[lang];

/** A date as people write it in the page's language. */
export function dueText(dueOn: string | null, t: Translate, lang: Lang): string {
  if (!dueOn) return t("planNoDate");
  return new Date(`${dueOn}T12:00:00Z`).toLocaleDateString(lang === "nl" ? "nl-NL" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** Actions as a list: the action in bold, then level, owner, date and status in words. */
export function actionList(actions: readonly Omit<PlanAction, "id">[], t: Translate, lang: Lang): HTMLElement {
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
