/**
 * The workspace's single-use access codes: issues a number of codes for a round, shows them once,
 * and offers them as a CSV download and as a printed sheet (or cards) in the language(s) chosen
 * for the round's staff. The last codes issued stay on the page through a language switch.
 */
import type { CampaignView } from "../../../src/schemas/campaign-view.js";
import { renderCodeSheet, type SheetLanguages, type SheetLayout } from "./code-sheet.js";
import { errorText } from "./errors.js";
import type { PanelContext } from "./managers-panel.js";
import { $, api, el } from "./ui.js";

export function codesPanel(
  ctx: PanelContext,
  hooks: {
    say(text: string, error?: boolean): void;
    campaigns(): CampaignView[];
    /** After codes are issued: the portfolio's response rates follow. */
    issued(): Promise<unknown>;
  },
) {
  const { t } = ctx;
  let lastCodes: { campaign: CampaignView; codes: string[] } | null = null;

  function show(campaign: CampaignView, codes: string[], counts: { issued: number; used: number } | null): void {
    lastCodes = { campaign, codes };
    $("codes-result").hidden = false;
    if (counts)
      $("codes-summary").textContent = t("codesIssued", {
        count: codes.length,
        issued: counts.issued,
        used: counts.used,
      });
    $("codes-list").replaceChildren(...codes.map((code) => el("li", code)));
    void drawSheet();
  }

  /** The sheet in the language(s) and layout chosen for the round's staff; resolves once its QR codes are drawn. */
  function drawSheet(): Promise<void> {
    if (!lastCodes) return Promise.resolve();
    const chosen = (name: string) => (document.querySelector(`input[name=${name}]:checked`) as HTMLInputElement).value;
    return renderCodeSheet($("code-sheet"), {
      campaign: lastCodes.campaign,
      codes: lastCodes.codes,
      languages: chosen("sheet-lang") as SheetLanguages,
      layout: chosen("sheet-layout") as SheetLayout,
    });
  }

  async function issue(event: Event): Promise<void> {
    event.preventDefault();
    const campaign = hooks.campaigns().find((c) => c.id === ($("codes-campaign") as HTMLSelectElement).value);
    if (!campaign) return;
    const count = Number(($("codes-count") as HTMLInputElement).value);
    const res = await api<{ codes: string[]; issued: number; used: number }>(`/api/campaigns/${campaign.id}/codes`, {
      method: "POST",
      body: { count },
    });
    if (res.status !== 201) return hooks.say(errorText(t, res), true);
    show(campaign, res.body.codes, res.body);
    await hooks.issued();
  }

  function download(): void {
    if (!lastCodes) return;
    const csv = ["code", ...lastCodes.codes].join("\r\n") + "\r\n";
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
    const a = Object.assign(el("a"), {
      href: url,
      download: `codes-${lastCodes.campaign.title.replace(/[^\w-]+/g, "-")}.csv`,
    });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function print(): Promise<void> {
    await drawSheet();
    document.body.classList.add("print-codes");
    window.addEventListener("afterprint", () => document.body.classList.remove("print-codes"), { once: true });
    window.print();
  }

  $("codes-form").addEventListener("submit", (e) => void issue(e));
  $("codes-csv").addEventListener("click", download);
  $("codes-print").addEventListener("click", () => void print());
  for (const option of document.querySelectorAll("input[name=sheet-lang], input[name=sheet-layout]"))
    option.addEventListener("change", () => void drawSheet());

  return {
    /** Shows the last codes again, in the page's language now. */
    render(): void {
      if (lastCodes) show(lastCodes.campaign, lastCodes.codes, null);
    },
  };
}
