/**
 * What the account pages share (invitation, forgotten and new password): the link's token from
 * the fragment (which never reaches a server log or a referrer), JSON posts that keep every
 * answer (a 401 here means "log in first", not a lost session).
 */

/** The token after `#`; it is removed from the address bar so it is not left in view or in history entries. */
export function takeTokenFromFragment(): string {
  const token = decodeURIComponent(location.hash.slice(1));
  if (token) history.replaceState(null, "", location.pathname);
  return token;
}

export async function postJson<T = unknown>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (res.status === 204 ? {} : await res.json().catch(() => ({}))) as T };
}
