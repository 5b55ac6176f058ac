/**
 * What the account pages share (invitation, forgotten and new password): the link's token from
 * the fragment (which never reaches a server log or a referrer), JSON posts that keep every
 * answer (a 401 here means "log in first", not a lost session), and error text in place.
 */
export const MIN_PASSWORD_LENGTH = 12;

/** The token after `#`; it is removed from the address bar so it is not left in view or in history entries. */
export function takeTokenFromFragment(): string {
  const token = decodeURIComponent(location.hash.slice(1));
  if (token) history.replaceState(null, "", location.pathname);
  return token;
}

export async function postJson<T = unknown>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (res.status === 204 ? {} : await res.json().catch(() => ({}))) as T };
}

export const messageOf = (body: unknown, status: number) => (body as { error?: { message?: string } }).error?.message ?? `Error ${status}`;

export function show(node: HTMLElement, text: string): void {
  node.textContent = text;
  node.hidden = false;
}

/** The checks the page can make itself before asking the server, which applies the full rules. */
export function passwordProblem(password: string, repeat: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Minstens ${MIN_PASSWORD_LENGTH} tekens · At least ${MIN_PASSWORD_LENGTH} characters`;
  if (password !== repeat) return "De wachtwoorden verschillen · The passwords differ";
  return null;
}

export const NO_CONNECTION = "Geen verbinding · No connection";
