/**
 * The dashboard's "Action plan" section for a released round: focus levels (the start-here level
 * preselected until saved), actions with owner, date and status, the earlier round's actions beside
 * this round's trend, and "Share with staff": a link to the results summary that is shown once,
 * copied, replaced or revoked. Managers scoped to departments read it; the server refuses them
 * changes (and the section offers none).
 */
import type { PlanAction } from "../../../src/domain/action-plan.js";
import { LEVEL_IDS, type LevelId } from "../../../src/domain/levels.js";
import type { ActionPlanView } from "../../../src/services/action-plans.js";
import { table } from "../components/data-table.js";
import { trendVerdict } from "./diagnosis-texts.js";
import { errorSaying } from "./errors.js";
import { ACTION_STATUSES, actionList, dueText, levelName } from "./plan-view.js";
import { api, type ApiResult, bodyOf, el, type Lang, type TextKey, type TextVars, type Translate } from "./ui.js";

/** A message kept as a key and its values, so it follows the page's language. */
type Note = { key: TextKey; vars?: TextVars } | null;

export function actionPlanPanel(root: HTMLElement, t: Translate, lang: () => Lang) {
  let campaignId: string | null = null;
  let view: ActionPlanView | null = null;
  /** The link just made: its token is not stored, so it is shown only now. */
  let link: string | null = null;
  let editing: PlanAction | null = null;
  let note: Note = null;

  /** A refusal in the panel's own words (`actionPlan.error.<code>`); a code it has none for gets the status. */
  function errorNote(res: ApiResult<unknown> | null): Note {
    if (!res) return { key: "actionPlan.noConnection" };
    return errorSaying(res, {
      area: "actionPlan",
      otherwise: "actionPlan.failed",
      vars: { n: view?.maxActions ?? "" },
    });
  }

  /** A call whose failure to reach the server is an answer too (null), not an unhandled rejection. */
  const call = <B>(path: string, init?: { method?: string; body?: unknown }) => api<B>(path, init).catch(() => null);

  async function load(id: string): Promise<void> {
    const res = await call<ActionPlanView>(`/api/campaigns/${id}/action-plan`);
    if (campaignId !== id) return;
    if (!res) note = errorNote(null);
    view = res?.status === 200 ? res.body : null;
    draw();
  }

  /** Shows the plan of this round (null: none, e.g. a running round); a redraw only when it is the same round. */
  async function show(id: string | null): Promise<void> {
    if (id === campaignId) return draw();
    campaignId = id;
    view = null;
    link = null;
    editing = null;
    note = null;
    draw();
    if (id) await load(id);
  }

  /**
   * Runs a change on the round shown; its answer's error is said in the panel, then the plan is
   * read again. An answer that arrives after another round was opened is dropped (false).
   */
  async function change(path: string, method: string, body?: unknown, done: Note = null): Promise<boolean> {
    const id = campaignId;
    if (!id) return false;
    const res = await call<unknown>(`/api/campaigns/${id}/${path}`, {
      method,
      ...(body === undefined ? {} : { body }),
    });
    if (campaignId !== id) return false;
    const ok = res !== null && res.status < 300;
    note = ok ? done : errorNote(res);
    await load(id);
    return ok;
  }

  function draw(): void {
    root.hidden = view === null;
    if (!view) return root.replaceChildren();
    const l = lang();
    const heading = el("h2", t("planHeading"));
    heading.id = "plan-title";
    root.setAttribute("aria-labelledby", "plan-title");
    const status = el("p", note ? t(note.key, note.vars) : "", "muted small");
    status.id = "plan-note";
    status.setAttribute("role", "status");
    root.replaceChildren(
      heading,
      el("p", t(view.editable ? "planIntro" : "planReadOnly"), "muted small"),
      focusForm(view, l),
      el("h3", t("planActions")),
      actionsTable(view, l),
    );
    if (view.editable) root.append(actionForm(view, l));
    root.append(status);
    if (view.previous) root.append(previousPart(view.previous, l));
    root.append(sharePart(view, l));
  }

  function focusForm(v: ActionPlanView, l: Lang): HTMLElement {
    const form = el("form", undefined, "plan-focus");
    const set = el("fieldset");
    set.append(el("legend", t("planFocus")));
    for (const id of LEVEL_IDS) {
      const label = el("label", undefined, "check");
      const box = Object.assign(el("input"), {
        type: "checkbox",
        name: "focus",
        value: id,
        checked: v.focusLevels.includes(id),
        disabled: !v.editable,
      });
      label.append(box, `${levelName(id, l)}${id === v.startHere ? ` ${t("planStartMark")}` : ""}`);
      set.append(label);
    }
    form.append(set);
    if (!v.saved) form.append(el("p", t("planFocusOffered"), "muted small"));
    if (v.editable) {
      form.append(Object.assign(el("button", t("planFocusSave")), { type: "submit", id: "plan-focus-save" }));
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        const focusLevels = [...form.querySelectorAll<HTMLInputElement>("input[name=focus]:checked")].map(
          (b) => b.value as LevelId,
        );
        void change("action-plan", "PUT", { focusLevels }, { key: "planFocusSaved" });
      });
    }
    return form;
  }

  function actionsTable(v: ActionPlanView, l: Lang): HTMLElement {
    if (v.actions.length === 0) return el("p", t("planNoActions"), "muted");
    const head = [t("planTitle"), t("planLevel"), t("planOwner"), t("planDue"), t("planStatus")];
    const tbl = table(v.editable ? [...head, t("planManage")] : head, []);
    tbl.id = "plan-actions";
    for (const a of v.actions) {
      const row = el("tr");
      for (const text of [a.title, levelName(a.level, l), a.owner, dueText(a.dueOn, t, l)]) row.append(el("td", text));
      const cell = el("td");
      if (v.editable) {
        const select = statusSelect(a.status, `${t("planStatus")}: ${a.title}`);
        select.addEventListener(
          "change",
          () => void change(`action-plan/actions/${a.id}`, "PATCH", { status: select.value }),
        );
        cell.append(select);
      } else cell.append(el("span", t(`status_${a.status}`), `plan-status ${a.status}`));
      row.append(cell);
      if (v.editable) {
        const tools = el("td", undefined, "plan-tools");
        const edit = Object.assign(el("button", t("planEdit")), { type: "button" });
        edit.setAttribute("aria-label", `${t("planEdit")}: ${a.title}`);
        edit.addEventListener("click", () => {
          editing = a;
          draw();
          (root.querySelector("#plan-action-title") as HTMLInputElement | null)?.focus();
        });
        const remove = Object.assign(el("button", t("planRemove")), { type: "button", className: "secondary" });
        remove.setAttribute("aria-label", `${t("planRemove")}: ${a.title}`);
        remove.addEventListener("click", () => {
          if (confirm(t("planRemoveConfirm"))) void change(`action-plan/actions/${a.id}`, "DELETE");
        });
        tools.append(edit, remove);
        row.append(tools);
      }
      bodyOf(tbl).append(row);
    }
    const scroll = el("div", undefined, "table-scroll");
    scroll.append(tbl);
    return scroll;
  }

  function statusSelect(value: string, label: string): HTMLSelectElement {
    const select = el("select");
    select.setAttribute("aria-label", label);
    for (const s of ACTION_STATUSES)
      select.append(Object.assign(el("option", t(`status_${s}`)), { value: s, selected: s === value }));
    return select;
  }

  /** Adds an action, or changes the one being edited. */
  function actionForm(v: ActionPlanView, l: Lang): HTMLElement {
    const form = el("form", undefined, "inline plan-form");
    form.id = "plan-action-form";
    const current = editing;
    const field = (label: string, control: HTMLElement) => {
      const wrap = el("label");
      wrap.append(el("span", label), control);
      return wrap;
    };
    const level = el("select");
    level.id = "plan-action-level";
    // The focus levels first: that is where actions belong.
    const order = [...v.focusLevels, ...LEVEL_IDS.filter((id) => !v.focusLevels.includes(id))];
    for (const id of order)
      level.append(
        Object.assign(el("option", levelName(id, l)), {
          value: id,
          selected: current ? current.level === id : id === order[0],
        }),
      );
    const title = Object.assign(el("input"), {
      id: "plan-action-title",
      required: true,
      maxLength: 200,
      value: current?.title ?? "",
    });
    const owner = Object.assign(el("input"), {
      id: "plan-action-owner",
      required: true,
      maxLength: 120,
      value: current?.owner ?? "",
    });
    const due = Object.assign(el("input"), { id: "plan-action-due", type: "date", value: current?.dueOn ?? "" });
    const state = statusSelect(current?.status ?? "planned", t("planStatus"));
    state.id = "plan-action-status";
    const full = !current && v.actions.length >= v.maxActions;
    const submit = Object.assign(el("button", t(current ? "planSaveChange" : "planAdd")), {
      type: "submit",
      id: "plan-action-submit",
      disabled: full,
    });
    form.append(
      field(t("planTitle"), title),
      field(t("planLevel"), level),
      field(t("planOwner"), owner),
      field(t("planDue"), due),
      field(t("planStatus"), state),
      submit,
    );
    if (current) {
      const cancel = Object.assign(el("button", t("planCancel")), { type: "button", className: "secondary" });
      cancel.addEventListener("click", () => {
        editing = null;
        draw();
      });
      form.append(cancel);
    }
    if (full) form.append(el("p", t("planFull", { n: v.maxActions }), "muted small"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const body = {
        level: level.value,
        title: title.value,
        owner: owner.value,
        dueOn: due.value || null,
        status: state.value,
      };
      const ok = current
        ? await change(`action-plan/actions/${current.id}`, "PATCH", body)
        : await change("action-plan/actions", "POST", body);
      if (ok) editing = null;
      draw();
      (root.querySelector("#plan-action-title") as HTMLInputElement | null)?.focus();
    });
    const box = el("div");
    box.append(el("h3", t(current ? "planEditing" : "planAdd")), form);
    return box;
  }

  function previousPart(previous: NonNullable<ActionPlanView["previous"]>, l: Lang): HTMLElement {
    const part = el("div", undefined, "plan-previous");
    part.id = "plan-previous";
    part.append(el("h3", t("planPrevious", { title: previous.title })));
    const signed = (x: number | null) => (x === null ? "–" : x > 0 ? `+${x}` : String(x));
    for (const move of previous.moves) {
      const block = el("section", undefined, "plan-move");
      const actions = previous.actions.filter((a) => a.level === move.level);
      block.append(
        el("h4", levelName(move.level, l)),
        el(
          "p",
          `${t("planBefore")} ${move.before ?? "–"} → ${t("planNow")} ${move.after ?? "–"} · ${t("planChange")}: ${signed(move.change)} (${trendVerdict(move.label, t)})`,
          `trend-label ${move.label ?? ""}`,
        ),
        actionList(actions, t, l),
      );
      part.append(block);
    }
    return part;
  }

  function sharePart(v: ActionPlanView, l: Lang): HTMLElement {
    const part = el("div", undefined, "plan-share");
    part.id = "plan-share";
    part.append(el("h3", t("shareHeading")), el("p", t("shareIntro"), "muted small"));
    if (link) {
      const label = el("label");
      const input = Object.assign(el("input"), { id: "share-link", readOnly: true, value: link });
      label.append(el("span", t("shareLink")), input);
      const copy = Object.assign(el("button", t("shareCopy")), { type: "button", id: "share-copy" });
      copy.addEventListener("click", async () => {
        input.select();
        await navigator.clipboard?.writeText(input.value).catch(() => undefined);
        note = { key: "shareCopied" };
        (root.querySelector("#plan-note") as HTMLElement).textContent = t(note.key);
      });
      part.append(label, copy, el("p", t("shareOnce"), "small"));
    } else {
      part.append(
        el(
          "p",
          v.summaryLink
            ? t("shareLive", { date: dueText(v.summaryLink.createdAt.slice(0, 10), t, l) })
            : t("shareNone"),
          "small",
        ),
      );
    }
    if (v.editable) {
      const row = el("div", undefined, "actions");
      const make = Object.assign(el("button", t(v.summaryLink ? "shareReplace" : "shareCreate")), {
        type: "button",
        id: "share-create",
      });
      make.addEventListener("click", async () => {
        const id = campaignId;
        if (!id) return;
        const res = await call<{ link: string }>(`/api/campaigns/${id}/summary-link`, { method: "POST" });
        // Another round opened meanwhile: this link is not for the round shown, so it is not shown under it.
        if (campaignId !== id) return;
        link = res?.status === 201 ? res.body.link : null;
        note = res?.status === 201 ? null : errorNote(res);
        await load(id);
        (root.querySelector("#share-link") as HTMLInputElement | null)?.focus();
      });
      row.append(make);
      if (v.summaryLink) {
        const revoke = Object.assign(el("button", t("shareRevoke")), {
          type: "button",
          id: "share-revoke",
          className: "secondary",
        });
        revoke.addEventListener("click", async () => {
          link = null;
          await change("summary-link", "DELETE", undefined, { key: "shareRevoked" });
        });
        row.append(revoke);
      }
      part.append(row);
    }
    return part;
  }

  return { show, draw };
}
