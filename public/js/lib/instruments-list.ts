/**
 * The workspace's list of instruments, built-in and the consultant's own, each version with its
 * items per level, whether it asks about the desired state and a preview; the new-round form's
 * instrument picker follows the list.
 */
import type { InstrumentSummary } from "../../../src/services/instruments.js";
import { table } from "../components/data-table.js";
import type { PanelContext } from "./managers-panel.js";
import { $, api, el, fillSelect } from "./ui.js";

export function instrumentsList(
  ctx: PanelContext,
  hooks: {
    levelName(id: string): string;
    /** Shows a version's questions; focus returns to `from` afterwards. */
    preview(i: Pick<InstrumentSummary, "id" | "version">, from: HTMLElement): void;
  },
) {
  const { t } = ctx;
  let instruments: InstrumentSummary[] = [];

  function render(): void {
    const title = (x: InstrumentSummary["title"]) => x[ctx.lang];
    const list = table(
      [t("instrument"), t("version"), t("source"), t("itemsPerLevel"), t("desiredState"), t("preview")],
      instruments.map((i) => [
        `${title(i.title)} (${i.id})`,
        i.version,
        i.builtin ? t("builtin") : t("own"),
        Object.entries(i.items)
          .map(([l, n]) => `${hooks.levelName(l)} ${n}`)
          .join(", "),
        i.desiredState ? t("yes") : t("no"),
        "",
      ]),
    );
    // Each version can be looked at before a round uses it.
    instruments.forEach((i, n) => {
      const button = el("button", t("preview"), "small secondary");
      button.type = "button";
      button.setAttribute("aria-label", `${t("preview")}: ${i.id} v${i.version}`);
      button.addEventListener("click", () => hooks.preview(i, button));
      list.tBodies[0]?.rows[n]?.cells[5]?.replaceChildren(button);
    });
    $("instruments").replaceChildren(list);
    const select = $("campaign-instrument") as HTMLSelectElement;
    const keep = select.value;
    fillSelect(
      select,
      [...instruments]
        .sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.id.localeCompare(b.id) || b.version - a.version)
        .map((i) => ({ value: `${i.id}@${i.version}`, label: `${title(i.title)} · v${i.version}` })),
    );
    // A new round starts on the default instrument, not on the highest version installed.
    const fallback = instruments.find((i) => i.default);
    if (keep) select.value = keep;
    else if (fallback) select.value = `${fallback.id}@${fallback.version}`;
  }

  async function load(): Promise<void> {
    instruments = (await api<InstrumentSummary[]>("/api/instruments")).body;
    render();
  }

  return { load, render };
}
