/** The in-memory counter behind the respondent limits, driven by a clock the test passes in. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { createRateLimiter, DEFAULT_MAX_KEYS, type Taken, type Ticket } from "../../src/lib/rate-limit.js";

const WINDOW = 1000;

function ticketOf(taken: Taken): Ticket {
  if (!taken.allowed) throw new Error(`refused, retry after ${taken.retryAfterMs} ms`);
  return taken.ticket;
}

describe("createRateLimiter", () => {
  it("allows `limit` events per key, then refuses with the time left in the window", () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: WINDOW });
    expect([100, 150, 400].map((t) => limiter.take("a", t).allowed)).toEqual([true, true, true]);
    expect(limiter.count("a", 400)).toBe(3);
    expect(limiter.take("a", 400)).toEqual({ allowed: false, retryAfterMs: 700 });
    expect(limiter.take("a", 1099)).toEqual({ allowed: false, retryAfterMs: 1 });
    // A refusal is not counted.
    expect(limiter.count("a", 1099)).toBe(3);
  });

  it("says whether a key has room without counting, and refuses exactly when `take` would", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: WINDOW });
    for (let i = 0; i < 5; i++) expect(limiter.room("a", 100)).toEqual({ allowed: true });
    expect(limiter.count("a", 100)).toBe(0);
    limiter.take("a", 100);
    expect(limiter.room("a", 200)).toEqual({ allowed: true });
    limiter.take("a", 200);
    expect(limiter.room("a", 300)).toEqual({ allowed: false, retryAfterMs: 800 });
    expect(limiter.take("a", 300)).toEqual({ allowed: false, retryAfterMs: 800 });
    expect(limiter.room("b", 300)).toEqual({ allowed: true });
    expect(limiter.room("a", 1100)).toEqual({ allowed: true });
  });

  it("starts a key's window at its first event, not on a clock boundary, and a new one once it has passed", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: WINDOW });
    expect(limiter.take("a", 999).allowed).toBe(true);
    // 1000 would be a new window on an aligned clock; here the window runs until 1999.
    expect(limiter.take("a", 1000)).toEqual({ allowed: false, retryAfterMs: 999 });
    expect(limiter.take("a", 1998)).toEqual({ allowed: false, retryAfterMs: 1 });
    const next = ticketOf(limiter.take("a", 1999));
    expect(next).toEqual({ key: "a", windowStart: 1999 });
    expect(limiter.take("a", 2000)).toEqual({ allowed: false, retryAfterMs: 999 });
    expect(limiter.count("a", 2998)).toBe(1);
    expect(limiter.count("a", 2999)).toBe(0);
  });

  it("counts every key on its own", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: WINDOW });
    limiter.take("a", 0);
    limiter.take("a", 0);
    expect(limiter.take("a", 0).allowed).toBe(false);
    expect(limiter.take("b", 0).allowed).toBe(true);
    expect(limiter.count("a", 0)).toBe(2);
    expect(limiter.count("b", 0)).toBe(1);
    expect(limiter.count("c", 0)).toBe(0);
    expect(limiter.size).toBe(2);
  });

  it("gives a refunded event back, once, and only to the window it was taken in", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: WINDOW });
    const first = ticketOf(limiter.take("a", 0));
    ticketOf(limiter.take("a", 10));
    expect(limiter.take("a", 20).allowed).toBe(false);
    limiter.refund(first);
    expect(limiter.count("a", 20)).toBe(1);
    // The same ticket twice gives back one event, not two.
    limiter.refund(first);
    expect(limiter.count("a", 20)).toBe(1);
    const third = ticketOf(limiter.take("a", 20));
    expect(limiter.take("a", 30).allowed).toBe(false);

    // Once the window has passed, a late refund leaves the new window alone.
    ticketOf(limiter.take("a", 1000));
    limiter.refund(third);
    expect(limiter.count("a", 1000)).toBe(1);
  });

  it("never counts below zero, and ignores a refund for a key it no longer holds", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: WINDOW });
    const ticket = ticketOf(limiter.take("a", 0));
    limiter.clear();
    expect(limiter.size).toBe(0);
    limiter.refund(ticket);
    expect(limiter.size).toBe(0);
    const again = ticketOf(limiter.take("b", 0));
    limiter.refund(again);
    limiter.refund({ ...again });
    expect(limiter.count("b", 0)).toBe(0);
    expect([0, 0, 0].map((t) => limiter.take("b", t).allowed)).toEqual([true, true, false]);
  });

  it("treats a clock that went back as a new window, so no key is locked for longer than one", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: WINDOW });
    limiter.take("a", 5000);
    expect(limiter.take("a", 5500).allowed).toBe(false);
    expect(limiter.count("a", 4000)).toBe(0);
    expect(ticketOf(limiter.take("a", 4000))).toEqual({ key: "a", windowStart: 4000 });
    expect(limiter.take("a", 4999)).toEqual({ allowed: false, retryAfterMs: 1 });
  });

  it("holds at most `maxKeys` keys, dropping the one whose window started first", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: WINDOW, maxKeys: 3 });
    limiter.take("a", 0);
    limiter.take("b", 10);
    limiter.take("c", 20);
    // Refused events and later events of a key do not move it: "a" still started first.
    expect(limiter.take("a", 30).allowed).toBe(false);
    expect(limiter.size).toBe(3);
    limiter.take("d", 40);
    expect(limiter.size).toBe(3);
    expect(limiter.count("a", 40)).toBe(0);
    expect([limiter.count("b", 40), limiter.count("c", 40), limiter.count("d", 40)]).toEqual([1, 1, 1]);
    // The dropped key starts afresh (erring towards letting through), and drops the next oldest.
    expect(limiter.take("a", 50).allowed).toBe(true);
    expect(limiter.count("b", 50)).toBe(0);
    expect(limiter.size).toBe(3);
  });

  it("drops expired windows first, so a full limiter keeps the keys that still count", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: WINDOW, maxKeys: 3 });
    limiter.take("old1", 0);
    limiter.take("old2", 1);
    limiter.take("live", 900);
    // At 1500 the first two have expired: one new key sweeps both out and keeps "live".
    limiter.take("new", 1500);
    expect(limiter.size).toBe(2);
    expect(limiter.take("live", 1500)).toEqual({ allowed: false, retryAfterMs: 400 });
    // A key coming back after its window is re-inserted at the end, as the newest.
    limiter.take("old1", 1600);
    limiter.take("x", 1700);
    expect(limiter.size).toBe(3);
    expect(limiter.count("live", 1700)).toBe(0);
    expect([limiter.count("new", 1700), limiter.count("old1", 1700), limiter.count("x", 1700)]).toEqual([1, 1, 1]);
  });

  it("moves a key whose new window starts behind the others, so it is not the next to go", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: WINDOW, maxKeys: 3 });
    limiter.take("a", 0);
    limiter.take("b", 500);
    // "a" is still held (nothing swept it: "b" is live), but its window has passed: a new one starts.
    expect(limiter.size).toBe(2);
    expect(ticketOf(limiter.take("a", 1200))).toEqual({ key: "a", windowStart: 1200 });
    limiter.take("c", 1300);
    limiter.take("d", 1400);
    expect(limiter.count("b", 1400)).toBe(0);
    expect([limiter.count("a", 1400), limiter.count("c", 1400), limiter.count("d", 1400)]).toEqual([1, 1, 1]);
  });

  it("stays within 50,000 keys by default", () => {
    expect(DEFAULT_MAX_KEYS).toBe(50_000);
    const limiter = createRateLimiter({ limit: 5, windowMs: 60_000 });
    for (let i = 0; i < 60_000; i++) limiter.take(`k${i}`, i % 1000);
    expect(limiter.size).toBe(50_000);
    expect(limiter.count("k0", 1000)).toBe(0);
    expect(limiter.count("k9999", 1000)).toBe(0);
    expect(limiter.count("k10000", 1000)).toBe(1);
    expect(limiter.count("k59999", 1000)).toBe(1);
  });

  it("refuses options that cannot limit anything", () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: WINDOW })).toThrow(RangeError);
    expect(() => createRateLimiter({ limit: 1.5, windowMs: WINDOW })).toThrow(RangeError);
    expect(() => createRateLimiter({ limit: 1, windowMs: 0 })).toThrow(RangeError);
    expect(() => createRateLimiter({ limit: 1, windowMs: Number.NaN })).toThrow(RangeError);
    expect(() => createRateLimiter({ limit: 1, windowMs: WINDOW, maxKeys: 0 })).toThrow(RangeError);
  });

  it("agrees with a plain model of per-key windows on any sequence of takes and refunds", () => {
    const op = fc.record({
      key: fc.constantFrom("a", "b", "c", "d"),
      advance: fc.integer({ min: 0, max: 700 }),
      refund: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 200 }), (limit, ops) => {
        const limiter = createRateLimiter({ limit, windowMs: WINDOW });
        // The model: per key, the start of its window and the times of the events it counts.
        const model = new Map<string, { start: number; events: number }>();
        let now = 0;
        for (const { key, advance, refund } of ops) {
          now += advance;
          let window = model.get(key);
          if (!window || now - window.start >= WINDOW) model.set(key, (window = { start: now, events: 0 }));
          const taken = limiter.take(key, now);
          if (window.events < limit) {
            expect(taken).toEqual({ allowed: true, ticket: { key, windowStart: window.start } });
            window.events++;
            if (refund && taken.allowed) {
              limiter.refund(taken.ticket);
              window.events--;
            }
          } else {
            expect(taken).toEqual({ allowed: false, retryAfterMs: window.start + WINDOW - now });
          }
          for (const [k, w] of model) expect(limiter.count(k, now)).toBe(now - w.start < WINDOW ? w.events : 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
