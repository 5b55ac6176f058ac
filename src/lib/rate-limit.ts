/**
 * A counter per key in memory: at most `limit` events per key in a fixed window that starts at
 * the key's first event. Pure: no I/O, no timers, the caller passes the time. Memory is bounded:
 * past `maxKeys` keys the key whose window started first is dropped (its client starts afresh,
 * which errs towards letting through, never towards refusing).
 *
 * An event is counted when it is taken, before the work it guards starts, so concurrent requests
 * cannot all pass a check that none of them has counted yet; work that turns out not to count
 * (a retry, a bad request) hands its ticket back. Where counting before would refuse work that
 * never counts (valid codes in flight), `room` asks without counting and `take` counts afterwards.
 */

export interface RateLimitOptions {
  /** Events allowed per key per window (at least 1). */
  limit: number;
  windowMs: number;
  /** Keys kept at most; default 50,000. */
  maxKeys?: number;
}

/** Proof of one counted event, to hand back with `refund`. */
export interface Ticket {
  readonly key: string;
  readonly windowStart: number;
}

export type Taken = { allowed: true; ticket: Ticket } | { allowed: false; retryAfterMs: number };

export interface RateLimiter {
  /** Counts one event for `key` at `nowMs` if the key has room left in its window; otherwise says when it will. */
  take(key: string, nowMs: number): Taken;
  /** Whether `key` has room for one more event at `nowMs`, counting nothing; when not, when it will. */
  room(key: string, nowMs: number): { allowed: true } | { allowed: false; retryAfterMs: number };
  /** Uncounts a taken event, once, if its window is still the key's current one. */
  refund(ticket: Ticket): void;
  /** Events counted for `key` in its window at `nowMs` (0 when it has none). */
  count(key: string, nowMs: number): number;
  /** Forgets every key. */
  clear(): void;
  /** Keys held now (an expired one lingers until a new window starts behind it or its key comes back). */
  readonly size: number;
}

export const DEFAULT_MAX_KEYS = 50_000;

interface Entry {
  windowStart: number;
  count: number;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { limit, windowMs, maxKeys = DEFAULT_MAX_KEYS } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a positive integer");
  if (!(windowMs > 0)) throw new RangeError("windowMs must be positive");
  if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError("maxKeys must be a positive integer");

  // A Map iterates in insertion order, and an entry is (re)inserted when its window starts, so
  // the first entry is the one whose window started first: the first to expire, and the one to drop.
  const entries = new Map<string, Entry>();
  const refunded = new WeakSet<Ticket>();
  // A clock that went back ends a window too: no key stays locked for longer than one.
  const live = (entry: Entry, nowMs: number) => nowMs >= entry.windowStart && nowMs - entry.windowStart < windowMs;
  const current = (key: string, nowMs: number): Entry | undefined => {
    const entry = entries.get(key);
    return entry && live(entry, nowMs) ? entry : undefined;
  };

  return {
    take(key, nowMs) {
      let entry = current(key, nowMs);
      if (entry && entry.count >= limit) return { allowed: false, retryAfterMs: entry.windowStart + windowMs - nowMs };
      if (!entry) {
        entries.delete(key);
        // Expired windows at the front go first (each entry is dropped once: amortised O(1)),
        // then, if still full, the oldest live one.
        for (const [oldest, first] of entries) {
          if (entries.size < maxKeys && live(first, nowMs)) break;
          entries.delete(oldest);
        }
        entry = { windowStart: nowMs, count: 0 };
        entries.set(key, entry);
      }
      entry.count++;
      return { allowed: true, ticket: { key, windowStart: entry.windowStart } };
    },
    room(key, nowMs) {
      const entry = current(key, nowMs);
      return entry && entry.count >= limit
        ? { allowed: false, retryAfterMs: entry.windowStart + windowMs - nowMs }
        : { allowed: true };
    },
    refund(ticket) {
      if (refunded.has(ticket)) return;
      refunded.add(ticket);
      const entry = entries.get(ticket.key);
      if (entry && entry.windowStart === ticket.windowStart && entry.count > 0) entry.count--;
    },
    count(key, nowMs) {
      return current(key, nowMs)?.count ?? 0;
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
