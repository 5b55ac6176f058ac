/** The login limit policy, exhaustively over counts and times (domain/login-limits.ts). */
import { describe, expect, it } from "vitest";

import { type AttemptCounter, decideLogin, LOGIN_LIMITS, pairUnlocksAt } from "../../src/domain/login-limits.js";

const T0 = 1_800_000_000;
const fresh = (count = 1, firstAt = T0): AttemptCounter => ({ count, firstAt });
const DAY = 24 * 60 * 60;

describe("the pair (an account from one client)", () => {
  it("lets five attempts through at once, then the n-th after 2^(n−5) − 1 minutes, for every count and second of its day", () => {
    for (let count = 1; count <= 25; count++) {
      const opensAfter = count <= 5 ? 0 : 60 * (2 ** (count - 5) - 1);
      for (let elapsed = 0; elapsed < DAY; elapsed++) {
        const decision = decideLogin({ pair: fresh(count), account: fresh() }, T0 + elapsed);
        if (elapsed >= opensAfter) {
          if (!decision.allowed) throw new Error(`count ${count} at +${elapsed}s refused`);
        } else if (
          decision.allowed ||
          decision.limit !== "pair" ||
          decision.retryAfterSeconds !== Math.min(opensAfter, DAY) - elapsed
        ) {
          throw new Error(`count ${count} at +${elapsed}s: ${JSON.stringify(decision)}`);
        }
      }
    }
  });

  it("unlocks at 1, 3, 7, 15 minutes after the first attempt", () => {
    expect([6, 7, 8, 9].map((count) => pairUnlocksAt(fresh(count, 0)))).toEqual([60, 180, 420, 900]);
    expect([1, 5].map((count) => pairUnlocksAt(fresh(count, 0)))).toEqual([0, 0]);
  });

  it("gives an attacker who waits exactly as told at most 15 password checks a day", () => {
    // The attacker retries the moment Retry-After says; a refused attempt is uncounted (as the service does).
    let count = 0;
    let now = T0;
    const checkedAt: number[] = [];
    while (now < T0 + DAY) {
      const decision = decideLogin({ pair: fresh(count + 1), account: fresh(1, now) }, now);
      if (decision.allowed) {
        count += 1;
        checkedAt.push(now - T0);
      } else now += decision.retryAfterSeconds;
    }
    expect(checkedAt).toEqual([0, 0, 0, 0, 0, 60, 180, 420, 900, 1860, 3780, 7620, 15300, 30660, 61380]);
  });
});

describe("the account ceiling and the client limit", () => {
  for (const kind of ["account", "client"] as const) {
    it(`${kind}: allows up to ${LOGIN_LIMITS[kind].max} in its period, then refuses until the period ends`, () => {
      const { max, periodSeconds } = LOGIN_LIMITS[kind];
      for (let count = 1; count <= max + 10; count++) {
        for (let elapsed = 0; elapsed < periodSeconds; elapsed++) {
          const counters = { pair: fresh(), account: fresh(), client: fresh(), [kind]: fresh(count) };
          const decision = decideLogin(counters, T0 + elapsed);
          if (count <= max) expect(decision.allowed).toBe(true);
          else expect(decision).toEqual({ allowed: false, limit: kind, retryAfterSeconds: periodSeconds - elapsed });
        }
      }
    });
  }

  it("without a client address, only the pair and the account count", () => {
    expect(decideLogin({ pair: fresh(), account: fresh(), client: undefined }, T0).allowed).toBe(true);
  });
});

describe("every counter must let an attempt through", () => {
  it("refuses when any refuses, with the longest wait; and the wait is exact: one second earlier is still refused", () => {
    const { pair, account, client } = LOGIN_LIMITS;
    const pairCounts = [1, pair.free, pair.free + 1, pair.free + 3];
    const accountCounts = [1, account.max, account.max + 1];
    const clientCounts = [undefined, 1, client.max, client.max + 1];
    const starts = [0, 30, 299, 600, 899];
    for (const p of pairCounts)
      for (const a of accountCounts)
        for (const c of clientCounts)
          for (const pairStart of starts)
            for (const accountStart of starts.filter((s) => s >= pairStart && s - pairStart < account.periodSeconds))
              for (const elapsed of [0, 1, 59, 60, 61, 179, 180, 400, 899, 900]) {
                const now = T0 + pairStart + elapsed;
                if (now < T0 + accountStart) continue;
                const counters = {
                  pair: fresh(p, T0 + pairStart),
                  account: fresh(a, T0 + accountStart),
                  client: c === undefined ? undefined : fresh(c, T0 + pairStart),
                };
                const alone = [
                  decideLogin({ pair: counters.pair, account: fresh() }, now),
                  decideLogin({ pair: fresh(1, now), account: counters.account }, now),
                  decideLogin({ pair: fresh(1, now), account: fresh(1, now), client: counters.client }, now),
                ];
                const decision = decideLogin(counters, now);
                const waits = alone.map((d) => (d.allowed ? 0 : d.retryAfterSeconds));
                const longest = Math.max(...waits);
                if (longest === 0) {
                  expect(decision.allowed).toBe(true);
                  continue;
                }
                expect(decision).toMatchObject({ allowed: false, retryAfterSeconds: longest });
                // After the wait the same attempt (uncounted and made again) gets through; a second earlier it does not.
                expect(decideLogin(counters, now + longest).allowed).toBe(true);
                expect(decideLogin(counters, now + longest - 1).allowed).toBe(false);
              }
  });
});

describe("a clock set back", () => {
  it("holds nobody up with a counter begun after now", () => {
    const later = { count: 40, firstAt: 2_000_000 };
    expect(decideLogin({ pair: later, account: later, client: later }, 1_000_000)).toEqual({ allowed: true });
  });
});
