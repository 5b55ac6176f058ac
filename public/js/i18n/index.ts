/**
 * The pages' languages: one catalogue per language (nl.ts defines the keys, every other is typed
 * by it), registered here. A new language is a new catalogue file and one line in CATALOGUES.
 */
import { en } from "./en.js";
import { type Catalogue, nl, type TextKey } from "./nl.js";

export type { TextKey };

export const CATALOGUES = { nl, en } satisfies Record<string, Catalogue>;

export type Lang = keyof typeof CATALOGUES;
/** Values for a text's `{name}` placeholders. */
export type TextVars = Record<string, string | number>;
/** Looks a text up in the page's language. */
export type Translate = (key: TextKey, vars?: TextVars) => string;

export const LANGS = Object.keys(CATALOGUES) as Lang[];

export const isLang = (value: unknown): value is Lang => typeof value === "string" && Object.hasOwn(CATALOGUES, value);

/** Whether a key read at run time (an HTML attribute, a server's code) names a text. */
export const isTextKey = (key: unknown): key is TextKey => typeof key === "string" && Object.hasOwn(nl, key);

/** The text for `key` in `lang`, its `{name}` placeholders filled from `vars` (a missing one says nothing). */
export function textIn(lang: Lang, key: TextKey, vars: TextVars = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ""));
}
