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
import { ACTION_STATUSES, actionList, dueText, levelName, PLAN_VIEW_TEXTS } from "./plan-view.js";
import { api, type ApiResult, el, type Lang, type Loc } from "./ui.js";

export const ACTION_PLAN_TEXTS: Record<string, Loc> = {
  ...PLAN_VIEW_TEXTS,
  planHeading: { nl: "Actieplan", en: "Action plan" },
  planIntro: {
    nl: "Kies de niveaus waar u aan gaat werken (het niveau waar de verandering moet beginnen staat voorgeselecteerd) en leg per niveau acties vast. De eigenaar is een rol of de naam van wie verantwoordelijk is, nooit een respondent.",
    en: "Choose the levels you will work on (the level where change has to start is preselected) and record actions for them. The owner is a role or the name of whoever is responsible, never a respondent.",
  },
  planReadOnly: {
    nl: "U leest dit plan; de adviseur of een manager van de hele organisatie past het aan.",
    en: "You read this plan; the consultant or a manager of the whole organisation changes it.",
  },
  planFocus: { nl: "Focusniveaus", en: "Focus levels" },
  planStartMark: { nl: "(hier beginnen)", en: "(start here)" },
  planFocusSave: { nl: "Focus opslaan", en: "Save focus" },
  planFocusSaved: { nl: "Focus opgeslagen.", en: "Focus saved." },
  planFocusOffered: {
    nl: "Nog niet opgeslagen: voorgesteld op grond van de diagnose.",
    en: "Not saved yet: suggested by the diagnosis.",
  },
  planActions: { nl: "Acties", en: "Actions" },
  planAdd: { nl: "Actie toevoegen", en: "Add action" },
  planSaveChange: { nl: "Wijziging opslaan", en: "Save change" },
  planCancel: { nl: "Annuleren", en: "Cancel" },
  planEdit: { nl: "Wijzigen", en: "Edit" },
  planManage: { nl: "Beheer", en: "Manage" },
  planRemove: { nl: "Verwijderen", en: "Remove" },
  planRemoveConfirm: { nl: "Deze actie verwijderen?", en: "Remove this action?" },
  planEditing: { nl: "Actie wijzigen", en: "Edit action" },
  planFull: { nl: "Het plan heeft het maximum van {n} acties.", en: "The plan holds the maximum of {n} actions." },
  planPrevious: {
    nl: "Acties van de vorige ronde ({title}) naast de ontwikkeling",
    en: "Actions of the previous round ({title}) beside the change since",
  },
  planBefore: { nl: "Toen", en: "Then" },
  planNow: { nl: "Nu", en: "Now" },
  planChange: { nl: "Verandering", en: "Change" },
  shareHeading: { nl: "Deel met medewerkers", en: "Share with staff" },
  shareIntro: {
    nl: "Een link naar een samenvatting voor medewerkers, zonder inloggen: de resultaten van de ronde als geheel, waar de verandering moet beginnen en de acties van dit plan. Geen afdelingen, geen opmerkingen, niets van een groep kleiner dan k.",
    en: "A link to a summary for staff, without logging in: the results of the round as a whole, where change has to start and the actions of this plan. No departments, no comments, nothing of a group smaller than k.",
  },
  shareCreate: { nl: "Link maken", en: "Create link" },
  shareReplace: { nl: "Nieuwe link (de oude stopt)", en: "New link (the old one stops)" },
  shareRevoke: { nl: "Link intrekken", en: "Revoke link" },
  shareCopy: { nl: "Kopiëren", en: "Copy" },
  shareCopied: { nl: "Gekopieerd.", en: "Copied." },
  shareLink: { nl: "Link voor medewerkers", en: "Link for staff" },
  shareOnce: {
    nl: "Deze link wordt maar één keer getoond: kopieer hem nu.",
    en: "This link is shown only once: copy it now.",
  },
  shareLive: {
    nl: "Er is een link sinds {date}. Alleen wie hem heeft kan de samenvatting lezen.",
    en: "A link exists since {date}. Only whoever has it can read the summary.",
  },
  shareNone: { nl: "Er is geen link.", en: "There is no link." },
  shareRevoked: { nl: "Link ingetrokken: hij werkt niet meer.", en: "Link revoked: it no longer works." },
  // What the server refuses, said in the page's language (the server's message is English).
  planError_too_many_actions: {
    nl: "Niet opgeslagen: het plan heeft al het maximum van {n} acties. Rond er een af of verwijder er een.",
    en: "Not saved: the plan already holds the maximum of {n} actions. Finish or remove one first.",
  },
  planError_forbidden: {
    nl: "Niet opgeslagen: u leest dit plan; de adviseur of een manager van de hele organisatie past het aan.",
    en: "Not saved: you read this plan; the consultant or a manager of the whole organisation changes it.",
  },
  planError_too_small: {
    nl: "Deze ronde heeft minder dan k respondenten: er wordt niets van gepubliceerd, dus er is geen samenvatting om te delen.",
    en: "This round has fewer than k respondents: nothing of it is published, so there is no summary to share.",
  },
  planError_results_not_released: {
    nl: "De resultaten van deze ronde zijn nog niet vrijgegeven: een plan volgt na het sluiten.",
    en: "This round's results are not released yet: a plan follows once it closes.",
  },
  planError_invalid_request: {
    nl: "Niet opgeslagen: controleer de velden (actie en eigenaar zijn verplicht, de datum moet bestaan).",
    en: "Not saved: check the fields (action and owner are required, the date must exist).",
  },
  planError_not_found: {
    nl: "Deze ronde of actie bestaat niet (meer). Laad de pagina opnieuw.",
    en: "This round or action does not exist (any more). Reload the page.",
  },
  planError_network: {
    nl: "Geen verbinding met de server: er is niets opgeslagen. Probeer het opnieuw.",
    en: "No connection to the server: nothing was saved. Try again.",
  },
  planError_other: {
    nl: "Er ging iets mis (fout {status}): er is niets opgeslagen. Probeer het opnieuw.",
    en: "Something went wrong (error {status}): nothing was saved. Try again.",
  },
};

/** The server's error codes the panel says in its own words. */
const KNOWN_ERRORS = [
  "too_many_actions",
  "forbidden",
  "too_small",
  "results_not_released",
  "invalid_request",
  "not_found",
] as const;

type T = (key: string, vars?: Record<string, string | number>) => string;
type ApiError = { error?: { code?: string; message?: string } };
/** A message kept as a key and its values, so it follows the page's language. */
type Note = { key: string; vars?: Record<string, string | number> } | null;

export function actionPlanPanel(root: HTMLElement, t: T, lang: () => Lang) {
  let campaignId: string | null = null;
  let view: ActionPlanView | null = null;
  /** The link just made: its token is not stored, so it is shown only now. */
  let link: string | null = null;
  let editing: PlanAction | null = null;
  let note: Note = null;

  /** A refusal in the page's language; a code it does not know gets the status. */
  function errorNote(res: ApiResult<ApiError> | null): Note {
    if (!res) return { key: "planError_network" };
    const code = res.body.error?.code;
    if (code && (KNOWN_ERRORS as readonly string[]).includes(code))
      return { key: `planError_${code}`, vars: { n: view?.maxActions ?? "" } };
    if (res.status === 404) return { key: "planError_not_found" };
    return { key: "planError_other", vars: { status: res.status } };
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
    const res = await call<ApiError>(`/api/campaigns/${id}/${path}`, {
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
      tbl.tBodies[0]!.append(row);
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
        await navigator.clipboard?.writeText(link!).catch(() => undefined);
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
        const res = await call<{ link: string } & ApiError>(`/api/campaigns/${id}/summary-link`, { method: "POST" });
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
