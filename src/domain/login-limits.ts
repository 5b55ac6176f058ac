/**
 * How many login attempts are let through to the (slow) password check: a pure policy over
 * attempt counters. Every attempt is counted *before* its password is checked, by one atomic
 * increment per counter that returns the new count (storage/accounts.ts), and this policy decides
 * on the counts returned — so parallel attempts each see a distinct count and no more than the
 * limit can get through, however many arrive at once.
 *
 * Three counters, each anchored at its first attempt and dropped `periodSeconds` later:
 *
 * - **pair** (this account from this client address): five attempts at once, then exponential
 *   backoff — the 6th one minute after the first attempt, the 7th after 3 minutes, the 8th after 7,
 *   the n-th after 2^(n−5) − 1 minutes, for a day. A real user who mistypes waits a minute or
 *   two; an attacker on one address gets about fifteen guesses a day at this account.
 * - **account** (from anywhere): a much higher ceiling, 30 attempts per 5 minutes, against an
 *   attacker spread over many addresses. It is the only counter an attacker elsewhere can fill
 *   for the real user, and its wait is short (at most 5 minutes).
 * - **client** (this address, any account): 30 attempts per 15 minutes, against one address
 *   trying many accounts.
 *
 * A refused attempt is not counted (the caller refunds it), so retrying early does not lengthen
 * the wait; a successful login refunds its own attempt and forgets the pair's failures.
 */

export interface AttemptCounter {
  /** Attempts counted, this one included (so at least 1). */
  count: number;
  /** Unix seconds of the counter's first attempt: its period runs from here. */
  firstAt: number;
}

export type LoginCounterKind = "client" | "pair" | "account";

export const LOGIN_LIMITS = {
  pair: { free: 5, baseDelaySeconds: 60, periodSeconds: 24 * 60 * 60 },
  account: { max: 30, periodSeconds: 5 * 60 },
  client: { max: 30, periodSeconds: 15 * 60 },
} as const;

const counterPeriod = (kind: LoginCounterKind): number => LOGIN_LIMITS[kind].periodSeconds;

export type LoginDecision = { allowed: true } | { allowed: false; limit: LoginCounterKind; retryAfterSeconds: number };

/**
 * When the pair's `count`-th attempt may be made: at once for the free ones, then
 * `baseDelay · (2^(count − free) − 1)` seconds after the pair's first attempt.
 */
export function pairUnlocksAt(counter: AttemptCounter): number {
  const { free, baseDelaySeconds } = LOGIN_LIMITS.pair;
  const extra = counter.count - free;
  if (extra <= 0) return counter.firstAt;
  // Beyond 2^40 minutes the counter has long expired; keep the arithmetic exact.
  return counter.firstAt + baseDelaySeconds * (2 ** Math.min(extra, 40) - 1);
}

/** The seconds until `kind`'s counter lets an attempt through (0: now); `undefined` counters (no client address) never refuse. */
function waitFor(kind: LoginCounterKind, counter: AttemptCounter | undefined, now: number): number {
  // A counter begun after now comes from a clock that was set back: it holds nobody up.
  if (!counter || now < counter.firstAt) return 0;
  const expiresAt = counter.firstAt + counterPeriod(kind);
  if (now >= expiresAt) return 0;
  const opensAt =
    kind === "pair" ? pairUnlocksAt(counter) : counter.count <= LOGIN_LIMITS[kind].max ? counter.firstAt : expiresAt;
  return Math.max(0, Math.min(opensAt, expiresAt) - now);
}

/**
 * Whether an attempt whose counters returned these counts may have its password checked, and if
 * not, how long until it could (the longest wait of the counters that refuse it; every counter was
 * counted, so every one of them must let it through).
 */
export function decideLogin(
  counters: { pair: AttemptCounter; account: AttemptCounter; client?: AttemptCounter | undefined },
  now: number,
): LoginDecision {
  let worst: { limit: LoginCounterKind; retryAfterSeconds: number } | undefined;
  for (const kind of ["pair", "account", "client"] as const) {
    const wait = waitFor(kind, counters[kind], now);
    if (wait > 0 && (!worst || wait > worst.retryAfterSeconds)) worst = { limit: kind, retryAfterSeconds: wait };
  }
  return worst ? { allowed: false, ...worst } : { allowed: true };
}
