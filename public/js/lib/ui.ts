/**
 * What the staff pages share: the language choice, text lookup, safe element building (text
 * only — names from the database never become HTML), JSON calls that send a lost session to
 * the login page. Plain tables, the alternative to every chart, are in components/data-table.tsx.
 */
import { isLang, isTextKey, type Lang, LANGS, textIn, type TextKey, type TextVars } from "../i18n/index.js";

export type { Lang, TextKey, TextVars, Translate } from "../i18n/index.js";

/** The language chosen before on this browser, else the browser's own when there is a catalogue for it, else Dutch. */
function firstLang(): Lang {
  const stored = localStorage.getItem("lang");
  if (isLang(stored)) return stored;
  const browser = LANGS.find((l) => l !== "nl" && navigator.language.startsWith(l));
  return browser ?? "nl";
}

/** The page's language and its text lookup (public/js/i18n), and the [data-t] elements filled in it. */
export function createTexts() {
  let lang: Lang = firstLang();
  return {
    get lang(): Lang {
      return lang;
    },
    setLang(next: Lang): void {
      lang = next;
      localStorage.setItem("lang", next);
      document.documentElement.lang = next;
    },
    t(key: TextKey, vars: TextVars = {}): string {
      return textIn(lang, key, vars);
    },
    /** Fills every [data-t] element and marks the pressed language button. */
    apply(): void {
      for (const node of document.querySelectorAll<HTMLElement>("[data-t]")) {
        const key = node.dataset.t;
        node.textContent = isTextKey(key) ? this.t(key) : (key ?? "");
      }
      for (const b of document.querySelectorAll<HTMLButtonElement>("[data-lang]"))
        b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
      document.documentElement.lang = lang;
    },
  };
}

/** The element with this id; one the page lacks is a mistake in the page, said by name. */
export function $(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The page has no element #${id}`);
  return node;
}

/** A table's (first) body, made when it has none yet. */
export const bodyOf = (table: HTMLTableElement): HTMLTableSectionElement => table.tBodies[0] ?? table.createTBody();

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  cls?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

export interface ApiResult<T> {
  status: number;
  body: T;
}

/** A JSON call; a lost session sends the browser to the login page. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  const res = await fetch(path, {
    method: init.method ?? "GET",
    headers: { accept: "application/json", ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (res.status === 401) {
    location.href = "/login";
    return new Promise(() => {}); // the page is leaving; nothing after this should run
  }
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
}

/** A number with `digits` decimals as the language writes it: 0,84 in Dutch, 0.84 in English. */
export function decimal(value: number, digits: number, lang: Lang): string {
  return value.toLocaleString(lang === "nl" ? "nl-NL" : "en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function fillSelect(select: HTMLSelectElement, options: { value: string; label: string }[]): void {
  select.replaceChildren(...options.map((o) => Object.assign(el("option", o.label), { value: o.value })));
}

/** Fills a panel's organisation picker, keeping the organisation chosen before when it is still listed. */
export function fillOrganisations(
  select: HTMLSelectElement,
  organisations: readonly { id: string; name: string }[],
): void {
  const keep = select.value;
  fillSelect(
    select,
    organisations.map((o) => ({ value: o.id, label: o.name })),
  );
  if (keep && organisations.some((o) => o.id === keep)) select.value = keep;
}

export async function logout(): Promise<void> {
  await fetch("/api/auth/logout", { method: "POST" });
  location.href = "/login";
}

/** Ends every session of this user, on every device (a lost laptop, a shared computer), then goes to the login page. */
export async function logoutEverywhere(): Promise<void> {
  await fetch("/api/auth/logout-everywhere", { method: "POST" });
  location.href = "/login";
}
