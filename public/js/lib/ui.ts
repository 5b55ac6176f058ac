/**
 * What the staff pages share: the language choice, text lookup, safe element building (text
 * only — names from the database never become HTML), JSON calls that send a lost session to
 * the login page. Plain tables, the alternative to every chart, are in components/data-table.tsx.
 */
export type Lang = "nl" | "en";
export type Loc = Record<Lang, string>;

export function createTexts(texts: Record<string, Loc>) {
  let lang: Lang = (localStorage.getItem("lang") as Lang) || (navigator.language.startsWith("en") ? "en" : "nl");
  return {
    get lang(): Lang {
      return lang;
    },
    setLang(next: Lang): void {
      lang = next;
      localStorage.setItem("lang", next);
      document.documentElement.lang = next;
    },
    t(key: string, vars: Record<string, string | number> = {}): string {
      return (texts[key]?.[lang] ?? key).replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? ""));
    },
    /** Fills every [data-t] element and marks the pressed language button. */
    apply(): void {
      for (const node of document.querySelectorAll<HTMLElement>("[data-t]")) node.textContent = this.t(node.dataset.t!);
      for (const b of document.querySelectorAll<HTMLButtonElement>("[data-lang]"))
        b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
      document.documentElement.lang = lang;
    },
  };
}

export const $ = (id: string) => document.getElementById(id)!;

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

export const errorMessage = (body: unknown, status: number) =>
  (body as { error?: { message?: string } }).error?.message ?? `Error ${status}`;

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

/** Red (0) → amber (50) → green (100). */
export function colour(score: number): string {
  const hue = Math.max(0, Math.min(120, (score / 100) * 120));
  return `hsl(${hue}, 55%, 52%)`;
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

export const LOGOUT_EVERYWHERE_TEXT: Loc = { nl: "Overal uitloggen", en: "Log out everywhere" };
