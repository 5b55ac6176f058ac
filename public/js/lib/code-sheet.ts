/**
 * The printable code sheet: per code its personal link `…/s/<token>#code=<CODE>`, printed short
 * and as a QR code made here in the browser (qrcode, as SVG), in the language(s) of the round's
 * staff — Dutch, English or both, whatever the consultant's own page language. As a sheet of strips
 * or as cut-out cards (credit-card size) handed to each person. The code travels in the fragment,
 * which the browser never sends to a server or in a referrer; the survey page reads it and removes
 * it from the address bar.
 */
import QRCode from "qrcode";

import type { CampaignView } from "../../../src/schemas/campaign-view.js";
import { textIn } from "../i18n/index.js";
import { el, type Lang } from "./ui.js";

export type SheetLanguages = Lang | "both";
export type SheetLayout = "sheet" | "cards";

/** The personal link of one code: the survey's address with the code in its fragment. */
const codeLink = (surveyUrl: string, code: string) => `${surveyUrl}#code=${encodeURIComponent(code)}`;

/** The link as printed: without the scheme, which browsers add themselves. */
const shortLink = (link: string) => link.replace(/^https?:\/\//, "");

/** An SVG QR code for a link, as a DOM node (parsed, never set as HTML). */
async function qrNode(link: string, label: string): Promise<Element> {
  const svg = await QRCode.toString(link, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  const node = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
  node.setAttribute("role", "img");
  node.setAttribute("aria-label", label);
  node.classList.add("qr");
  return document.importNode(node, true);
}

/** Renders the sheet into `target`: one card (or strip) per code. Resolves once every QR code is drawn. */
export async function renderCodeSheet(
  target: HTMLElement,
  options: {
    campaign: Pick<CampaignView, "title" | "surveyUrl">;
    codes: readonly string[];
    languages: SheetLanguages;
    layout: SheetLayout;
  },
): Promise<void> {
  const langs: Lang[] = options.languages === "both" ? ["nl", "en"] : [options.languages];
  // The server's address for staff (PUBLIC_URL), not the one the consultant's browser happens to use.
  const surveyUrl = options.campaign.surveyUrl ?? "";
  const cards = await Promise.all(
    options.codes.map(async (code) => {
      const link = codeLink(surveyUrl, code);
      const card = el("div", undefined, "code-card");
      card.dataset.code = code;
      const text = el("div", undefined, "code-text");
      text.append(
        el("h2", `${langs.map((l) => textIn(l, "codeCard.title")).join(" · ")} — ${options.campaign.title}`),
        el("p", code, "code"),
        el("p", shortLink(link), "code-link"),
      );
      for (const l of langs) {
        const p = el("p", `${textIn(l, "codeCard.scan")} ${textIn(l, "codeCard.once")}`, "code-how");
        p.lang = l;
        text.append(p);
      }
      card.append(await qrNode(link, `QR: ${shortLink(link)}`), text);
      return card;
    }),
  );
  target.className = `code-sheet layout-${options.layout}`;
  target.replaceChildren(...cards);
}
