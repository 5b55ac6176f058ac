/** Texts an instrument's JSON has, checked the same way for every version. */
import { expect } from "vitest";

/** Where an instrument's JSON has a text without both Dutch and English. */
const TEXT_KEYS = ["title", "description", "text", "html", "completeText", "minRateDescription", "maxRateDescription"];

export function untranslatedTexts(json: unknown): string[] {
  const untranslated: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      const text = value as Record<string, string> | string;
      if (TEXT_KEYS.includes(key) && (typeof text !== "object" || !text.nl || !text.en))
        untranslated.push(`${path}.${key}`);
      else walk(value, `${path}.${key}`);
    }
  };
  walk(json, "$");
  return untranslated;
}

/** Every Dutch text of an instrument's JSON. */
export function dutchTexts(json: unknown): string[] {
  const dutch: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "nl" && typeof value === "string") dutch.push(value);
      else walk(value);
    }
  };
  walk(json);
  return dutch;
}

/** Each rating's title is one sentence with one idea, in Dutch and English. */
export function expectOneIdeaTitles(ratings: readonly { name?: unknown; title?: unknown }[]): void {
  for (const e of ratings) {
    const title = e.title as { nl?: string; en?: string };
    for (const [lang, text] of [
      ["nl", title.nl],
      ["en", title.en],
    ] as const) {
      const where = `${String(e.name)} ${lang}`;
      expect(text, where).toBeTruthy();
      // one sentence: one full stop or question mark, at the end
      expect(text?.match(/[.?!](\s|$)/g)?.length, `${where}: ${text}`).toBe(1);
      // no "X and Y": a conjunction that joins two ideas is caught in both languages
      expect(text, where).not.toMatch(lang === "nl" ? / en / : / and /);
      // nor "X or Y" (in English only: Dutch "of" is also "whether", as in "vragen of het gelegen komt")
      if (lang === "en") expect(text, where).not.toMatch(/ or /);
    }
  }
}
