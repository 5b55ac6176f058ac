/**
 * A preview of an instrument before a round uses it: its questions grouped per level (current and
 * desired state), decision-climate scale, outcome, decision factors, groupings and comment, in
 * Dutch and English side by side, in a dialog. It only reads the version's JSON; nothing is stored.
 */
import { LEVELS } from "../../../src/domain/levels.js";
import { instrumentOutline, type OutlineItem } from "../../../src/instruments/outline.js";
import { climateName } from "./diagnosis-texts.js";
import { errorText } from "./errors.js";
import { $, api, bodyOf, el, type Translate } from "./ui.js";

/** A table of texts in Dutch and English, one row per question, with what marks it (in the page's language) after the English. */
function bilingual(rows: { nl: string; en: string; marks?: string[] }[]): HTMLTableElement {
  const tbl = el("table", undefined, "preview-table");
  const head = el("tr");
  for (const [text, lang] of [
    ["Nederlands", "nl"],
    ["English", "en"],
  ] as const) {
    const th = Object.assign(el("th", text), { scope: "col", lang });
    head.append(th);
  }
  tbl.append(el("thead"), el("tbody"));
  tbl.createTHead().append(head);
  for (const row of rows) {
    const tr = el("tr");
    const nl = Object.assign(el("td", row.nl), { lang: "nl" });
    const en = Object.assign(el("td", row.en), { lang: "en" });
    if (row.marks?.length) en.append(el("span", ` (${row.marks.join(", ")})`, "muted small"));
    tr.append(nl, en);
    bodyOf(tbl).append(tr);
  }
  return tbl;
}

const itemRow = (i: OutlineItem, t: Translate) => ({
  nl: i.title.nl,
  en: i.title.en,
  marks: [
    ...(i.desired ? [t("preview.desiredItem")] : []),
    ...(i.reverse ? [t("reverse")] : []),
    ...(i.na ? [t("naItem")] : []),
  ],
});

export function instrumentPreview(texts: { t: Translate; lang: "nl" | "en" }) {
  const dialog = $("instrument-preview") as HTMLDialogElement;
  $("preview-close").addEventListener("click", () => dialog.close());
  let opener: HTMLElement | null = null;
  dialog.addEventListener("close", () => opener?.focus());

  return {
    /** Reads the version's JSON and shows it; `from` gets the focus back when the dialog closes. */
    async open(
      id: string,
      version: number,
      from: HTMLElement | null,
      say: (text: string, error?: boolean) => void,
    ): Promise<void> {
      const { t } = texts;
      const res = await api<Record<string, unknown>>(`/api/instruments/${encodeURIComponent(id)}/${version}`);
      if (res.status !== 200) return say(errorText(t, res), true);
      const outline = instrumentOutline(res.body);
      const lang = texts.lang;
      $("preview-title").textContent = t("previewOf", { title: outline.title[lang] || id, version });
      const body = $("preview-body");
      body.replaceChildren(el("p", t("previewNote"), "muted small"));
      const section = (title: string, rows: { nl: string; en: string; marks?: string[] }[]) =>
        body.append(el("h3", title), bilingual(rows));
      if (outline.outcome) section(t("outcomeItem"), [itemRow(outline.outcome, t)]);
      for (const { level, items } of outline.levels) {
        const name = LEVELS.find((l) => l.id === level)?.name[lang] ?? level;
        section(
          `${name} · ${t("itemsCount", { n: items.length })}`,
          items.map((i) => itemRow(i, t)),
        );
      }
      for (const { scale, items } of outline.scales)
        section(
          t("climateScale", { scale: climateName(scale, t) }),
          items.map((i) => itemRow(i, t)),
        );
      if (outline.factors)
        section(t("decisionFactors"), [
          { ...outline.factors.title },
          ...outline.factors.choices.map((c) => ({ nl: `• ${c.text.nl}`, en: `• ${c.text.en}` })),
          ...(outline.most ? [outline.most] : []),
        ]);
      if (outline.groupings.length)
        section(
          t("groupingsTitle"),
          outline.groupings.map((g) => g.title),
        );
      if (outline.comment) section(t("commentTitle"), [outline.comment]);
      opener = from;
      dialog.showModal();
      $("preview-close").focus();
    },
  };
}
