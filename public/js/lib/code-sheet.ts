/**
 * The printable code sheet: per code its personal link `…/s/<token>#code=<CODE>`, printed short
 * and as a QR code made here in the browser (qrcode, as SVG), in the language(s) of the round's
 * staff — Dutch, English or both, whatever the consultant's own page language. As a sheet of strips
 * or as cut-out cards (credit-card size) handed to each person. The code travels in the fragment,
 * which the browser never sends to a server or in a referrer; the survey page reads it and removes
 * it from the address bar.
 */
import QRCode from "qrcode";

import type { CampaignView } from "../../../src/routes/campaign-view.js";
import { el, type Lang, type Loc } from "./ui.js";

export type SheetLanguages = Lang | "both";
export type SheetLayout = "sheet" | "cards";

/** The page's own labels for the sheet's options. */
export const CODE_SHEET_TEXTS: Record<string, Loc> = {
  sheetLanguage: { nl: "Taal van het codevel", en: "Language of the code sheet" },
  bothLanguages: { nl: "Beide (Nederlands en English)", en: "Both (Nederlands and English)" },
  sheetLayout: { nl: "Vorm", en: "Layout" },
  layoutSheet: { nl: "Vel met een strook per code", en: "Sheet with a strip per code" },
  layoutCards: {
    nl: "Losse kaartjes om uit te knippen (bankpasformaat)",
    en: "Cut-out cards, one per person (bank-card size)",
  },
};

/** What a card says, in the staff's language: not the page's, so each text is looked up per card language. Dutch says "je", as the survey does. */
const CARD: Record<"title" | "scan" | "once", Loc> = {
  title: { nl: "Je persoonlijke toegangscode", en: "Your personal access code" },
  scan: {
    nl: "Scan de QR-code met je telefoon of typ de link over: de code staat er al in. Zonder link: open de vragenlijst en vul de code in.",
    en: "Scan the QR code with your phone or type the link: the code is already in it. Without the link: open the survey and enter the code.",
  },
  once: {
    nl: "De code werkt één keer en is niet aan je antwoorden gekoppeld.",
    en: "The code works once and is not linked to your answers.",
  },
};

/** The personal link of one code: the survey's address with the code in its fragment. */
export const codeLink = (surveyUrl: string, code: string) => `${surveyUrl}#code=${encodeURIComponent(code)}`;

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
        el("h2", `${langs.map((l) => CARD.title[l]).join(" · ")} — ${options.campaign.title}`),
        el("p", code, "code"),
        el("p", shortLink(link), "code-link"),
      );
      for (const l of langs) {
        const p = el("p", `${CARD.scan[l]} ${CARD.once[l]}`, "code-how");
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
