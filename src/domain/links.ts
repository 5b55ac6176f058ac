/**
 * Single-use links for invitations and password resets: how long they live and when one is dead.
 * Pure; times are Unix seconds, the caller passes the clock. The token itself is random (see
 * lib/random.ts) and only its SHA-256 is stored.
 */

/** An invitation link works for seven days. */
export const INVITATION_SECONDS = 7 * 24 * 60 * 60;
/** A password-reset link works for one hour. */
export const RESET_SECONDS = 60 * 60;
/** Random bytes in a link's token (256 bits). */
export const LINK_TOKEN_BYTES = 32;

export const unixSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

export function expiryOf(now: Date, lifetimeSeconds: number): number {
  return unixSeconds(now) + lifetimeSeconds;
}

/** A link is dead from its expiry second on. */
export function isExpired(expiresAt: number, now: Date): boolean {
  return unixSeconds(now) >= expiresAt;
}

/** The unit scope of an invitation or grant: the departments a manager was invited for; none = the whole organisation. */
export interface UnitScope {
  department?: string[];
}

/** The scope as stored: null for the whole organisation, else departments trimmed, unique, sorted. */
export function normaliseScope(scope: UnitScope | null | undefined): UnitScope | null {
  const departments = [...new Set((scope?.department ?? []).map((d) => d.trim()).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b),
  );
  return departments.length > 0 ? { department: departments } : null;
}

export function parseScope(json: string | null): UnitScope | null {
  if (!json) return null;
  const value = JSON.parse(json) as UnitScope;
  return normaliseScope(value);
}
