/**
 * The round form: a new round (saved as a draft or opened at once) and, with the same fields, a
 * change to an existing one. A draft may change everything creation sets; an open round only its
 * dates, contact, headcount and code requirement (the fields staff were shown are disabled, and the
 * server holds the same rule); a closed round offers no change. Only the fields that changed are
 * sent, and a refusal names each field in the page's language.
 */
import { DEFAULT_K, defaultKComments, DRAFT_ONLY_FIELDS, type ThirdGrouping } from "../../../src/domain/campaign.js";
import {
  DEFAULT_ROLES,
  DEFAULT_TENURE,
  entriesFromText,
  entryLine,
  isDefault,
  type Unit,
  type UnitEntry,
  unitLine,
} from "../../../src/domain/units.js";
import type { CampaignView } from "../../../src/schemas/campaign-view.js";
import type { RoundEdit } from "../../../src/services/lifecycle.js";
import { errorText } from "./errors.js";
import { $, api, el, type Translate } from "./ui.js";

/** The form's inputs per field of a round, by id in workspace.html. */
const INPUTS = {
  title: "campaign-title",
  departments: "campaign-departments",
  roles: "campaign-roles",
  tenure: "campaign-tenure",
  thirdGrouping: "campaign-third-grouping",
  instrument: "campaign-instrument",
  k: "campaign-k",
  kComments: "campaign-k-comments",
  expectedHeadcount: "campaign-headcount",
  contact: "campaign-contact",
  requireCode: "campaign-code",
  opensOn: "campaign-opens",
  closesOn: "campaign-closes",
} as const;
type Field = keyof typeof INPUTS;
/** The label a field's refusal is named by: the text of its label (of its legend, for a group of inputs). */
const labelOf = (field: string) => {
  const element = Object.hasOwn(INPUTS, field) ? $(INPUTS[field as Field]) : null;
  return (element?.closest("label") ?? element)?.querySelector("[data-t]")?.textContent ?? field;
};

const input = (field: Field) => $(INPUTS[field]) as HTMLInputElement;
const numberOrNull = (value: string) => (value.trim() === "" ? null : Number(value));

/** What the form holds now, in the API's terms. */
function read(): Required<Omit<RoundEdit, "kComments">> & { kComments: number | null } {
  const [id, version] = input("instrument").value.split("@");
  return {
    title: input("title").value,
    departments: entriesFromText(input("departments").value, true),
    // Left empty, a grouping keeps the standard units.
    roles: ownUnits(input("roles").value),
    tenure: ownUnits(input("tenure").value),
    thirdGrouping: readThirdGrouping(),
    instrument: { id: id ?? "", version: Number(version) },
    k: Number(input("k").value || DEFAULT_K),
    kComments: numberOrNull(input("kComments").value),
    expectedHeadcount: numberOrNull(input("expectedHeadcount").value),
    contact: input("contact").value.trim() || null,
    requireCode: input("requireCode").checked,
    opensOn: input("opensOn").value || null,
    closesOn: input("closesOn").value || null,
  };
}

/** The four inputs of the third grouping's name and question, by language. */
const THIRD = {
  label: { nl: "campaign-third-label-nl", en: "campaign-third-label-en" },
  question: { nl: "campaign-third-question-nl", en: "campaign-third-question-en" },
} as const;
const thirdInput = (part: keyof typeof THIRD, lang: "nl" | "en") => $(THIRD[part][lang]) as HTMLInputElement;

/** Null while all four are empty (tenure); else what was typed, for the server to check whole. */
function readThirdGrouping(): ThirdGrouping | null {
  const text = (part: keyof typeof THIRD) => ({
    nl: thirdInput(part, "nl").value.trim(),
    en: thirdInput(part, "en").value.trim(),
  });
  const grouping = { label: text("label"), question: text("question") };
  return Object.values(grouping).some((t) => t.nl || t.en) ? grouping : null;
}

function showThirdGrouping(grouping: ThirdGrouping | null): void {
  for (const part of ["label", "question"] as const)
    for (const lang of ["nl", "en"] as const) thirdInput(part, lang).value = grouping?.[part][lang] ?? "";
}

const ownUnits = (text: string): UnitEntry[] | null => {
  const entries = entriesFromText(text);
  return entries.length > 0 ? entries : null;
};

/** A grouping as the form shows it: a line per unit, or nothing where the round keeps the standard units. */
const unitText = (units: readonly Unit[] | undefined, standard?: readonly Unit[]) =>
  standard && isDefault(units, standard) ? "" : (units ?? []).map(unitLine).join("\n");

/** The fields that differ from the round as it is: only these are sent. */
function changes(round: CampaignView): RoundEdit {
  const now = read();
  const edit: RoundEdit = {};
  if (now.title.trim() !== round.title) edit.title = now.title;
  const sameUnits = (entries: UnitEntry[] | null, units: string) => (entries ?? []).map(entryLine).join("\n") === units;
  if (!sameUnits(now.departments, unitText(round.units.department))) edit.departments = now.departments;
  if (!sameUnits(now.roles, unitText(round.units.role, DEFAULT_ROLES))) edit.roles = now.roles;
  if (!sameUnits(now.tenure, unitText(round.units.tenure, DEFAULT_TENURE))) edit.tenure = now.tenure;
  if (JSON.stringify(now.thirdGrouping) !== JSON.stringify(round.thirdGrouping)) edit.thirdGrouping = now.thirdGrouping;
  if (now.instrument.id !== round.instrument.id || now.instrument.version !== round.instrument.version)
    edit.instrument = now.instrument;
  if (now.k !== round.k) edit.k = now.k;
  const kComments = now.kComments ?? defaultKComments(now.k);
  if (kComments !== round.kComments && !(now.kComments === null && edit.k !== undefined)) edit.kComments = kComments;
  if (now.expectedHeadcount !== round.expectedHeadcount) edit.expectedHeadcount = now.expectedHeadcount;
  if (now.contact !== round.contact) edit.contact = now.contact;
  if (now.requireCode !== round.requireCode) edit.requireCode = now.requireCode;
  if (now.opensOn !== round.opensOn) edit.opensOn = now.opensOn;
  if (now.closesOn !== round.closesOn) edit.closesOn = now.closesOn;
  return edit;
}

/** A refusal in plain words: each field by its label, with the reason in the page's language where it is a known rule (matched on the detail's code, never on the server's English wording). */
const refusalText = (res: { status: number; body: unknown }, t: Translate): string =>
  errorText(t, res, { field: (path) => labelOf(path.replace(/^json\./, "").split(".")[0] ?? path) });

export function roundForm(
  t: Translate,
  hooks: {
    say(text: string, error?: boolean): void;
    saved(): Promise<void>;
    showCodeHint(): void;
    /** An organisation's rounds, newest first. */
    roundsOf(organisationId: string): readonly CampaignView[];
  },
) {
  let editing: CampaignView | null = null;
  const form = $("campaign-form") as HTMLFormElement;
  /** A round's units in the structure fields (nothing where there are none: the standard units), and its third grouping's name. */
  function showStructure({ units, thirdGrouping }: Pick<CampaignView, "units" | "thirdGrouping">): void {
    input("departments").value = unitText(units.department);
    input("roles").value = unitText(units.role, DEFAULT_ROLES);
    input("tenure").value = unitText(units.tenure, DEFAULT_TENURE);
    showThirdGrouping(thirdGrouping);
  }
  /** The structure fields' text, as one string. */
  const structure = () => {
    const third = readThirdGrouping();
    return [
      ...["departments", "roles", "tenure"].map((f) => input(f as Field).value),
      third ? JSON.stringify(third) : "",
    ].join("\u0000");
  };
  /** The structure fields as the last prefill left them: what a new prefill may replace. */
  let prefilled = "";

  /**
   * A new round starts from the structure of its organisation's newest round: departments, roles
   * and bands with their headcounts. A client's structure is so kept per organisation and
   * versioned per round (each round holds its own copy, changed where the client changed). Only
   * fields the consultant has not typed into or imported since are filled, and the form says from
   * which round.
   */
  function prefillStructure(): void {
    if (editing) return;
    const now = structure();
    if (now.replaceAll("\u0000", "").trim() !== "" && now !== prefilled) return;
    const latest = hooks.roundsOf(($("campaign-organisation") as HTMLSelectElement).value)[0];
    showStructure(latest ?? { units: {}, thirdGrouping: null });
    prefilled = structure();
    $("campaign-structure-report").replaceChildren(
      ...(latest ? [el("p", t("structureFromRound", { title: latest.title }), "message")] : []),
    );
  }

  function render(): void {
    $("new-title").textContent = editing ? t("editRound", { title: editing.title }) : t("newRound");
    $("campaign-edit-note").textContent = editing
      ? t(editing.status === "draft" ? "editDraftNote" : "editOpenNote")
      : "";
    $("campaign-edit-note").hidden = !editing;
    $("campaign-create-buttons").hidden = !!editing;
    $("campaign-edit-buttons").hidden = !editing;
    ($("campaign-organisation") as HTMLSelectElement).disabled = !!editing;
    ($("organisation-form") as HTMLFormElement).hidden = !!editing;
    // What staff were shown stays as it was once a round is open: those fields cannot be changed.
    const fixed = editing !== null && editing.status !== "draft";
    for (const field of DRAFT_ONLY_FIELDS) (input(field) as HTMLInputElement).disabled = fixed;
    // An import fills the structure's fields, which an open round keeps as staff saw them.
    ($("campaign-structure-file") as HTMLInputElement).disabled = fixed;
    input("kComments").placeholder = t("kCommentsDefault");
  }

  function fill(round: CampaignView): void {
    ($("campaign-organisation") as HTMLSelectElement).value = round.organisationId;
    input("title").value = round.title;
    showStructure(round);
    const select = input("instrument") as unknown as HTMLSelectElement;
    const value = `${round.instrument.id}@${round.instrument.version}`;
    // A round may pin a version no longer offered for new rounds: keep it choosable.
    if (![...select.options].some((o) => o.value === value))
      select.append(Object.assign(el("option", `${round.instrument.id} · v${round.instrument.version}`), { value }));
    select.value = value;
    input("k").value = String(round.k);
    input("kComments").value = String(round.kComments);
    input("expectedHeadcount").value = round.expectedHeadcount === null ? "" : String(round.expectedHeadcount);
    input("contact").value = round.contact ?? "";
    input("requireCode").checked = round.requireCode;
    input("opensOn").value = round.opensOn ?? "";
    input("closesOn").value = round.closesOn ?? "";
    hooks.showCodeHint();
  }

  /** Empties the form, and what an import said about a file; a new round starts from its organisation's structure again. */
  function clear(): void {
    form.reset();
    $("campaign-structure-report").replaceChildren();
    prefilled = "";
    prefillStructure();
  }

  function stopEditing(): void {
    editing = null;
    clear();
    hooks.showCodeHint();
    render();
  }

  async function create(submitter: HTMLElement | null): Promise<void> {
    const { kComments, ...now } = read();
    const body = {
      ...now,
      ...(kComments === null ? {} : { kComments }),
      status: submitter?.dataset.status === "draft" ? "draft" : "open",
    };
    const organisation = ($("campaign-organisation") as HTMLSelectElement).value;
    const res = await api<CampaignView>(`/api/organisations/${organisation}/campaigns`, { method: "POST", body });
    if (res.status !== 201) return hooks.say(refusalText(res, t), true);
    clear();
    hooks.showCodeHint();
    hooks.say(t("created", { title: res.body.title, link: res.body.surveyUrl ?? "" }));
    await hooks.saved();
  }

  async function save(round: CampaignView): Promise<void> {
    const edit = changes(round);
    if (Object.keys(edit).length === 0) {
      stopEditing();
      return hooks.say(t("nothingChanged"));
    }
    const res = await api<CampaignView>(`/api/campaigns/${round.id}`, { method: "PATCH", body: edit });
    if (res.status !== 200) return hooks.say(refusalText(res, t), true);
    stopEditing();
    hooks.say(t("changed", { title: res.body.title }));
    await hooks.saved();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void (editing ? save(editing) : create((event as SubmitEvent).submitter));
  });
  $("campaign-cancel").addEventListener("click", stopEditing);
  $("campaign-organisation").addEventListener("change", prefillStructure);
  render();

  return {
    render,
    /** After the organisations are (re)loaded: the chosen one's structure, where the fields allow. */
    prefillStructure,
    /** Opens a round in the form to change it, and brings the form into view. */
    edit(round: CampaignView): void {
      editing = round;
      fill(round);
      render();
      $("new-title").scrollIntoView({ block: "start" });
      (round.status === "draft" ? input("title") : input("closesOn")).focus();
    },
  };
}
