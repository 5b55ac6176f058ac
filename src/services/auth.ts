/**
 * Logging in and out: login limits counted before the password check (domain/login-limits.ts),
 * and sessions whose tokens are stored only as hashes. A new token at every login; logout deletes
 * it, logout everywhere deletes every session of the user.
 */
import { auditMinute, failedLoginWindowStart } from "../domain/audit.js";
import { decideLogin, LOGIN_LIMITS, type LoginCounterKind } from "../domain/login-limits.js";
import { ApiError, tooManyRequests } from "../lib/api-error.js";
import { at, defined } from "../lib/invariant.js";
import type { LoginKeys } from "../lib/login-keys.js";
import { DUMMY_HASH, verifyPassword } from "../lib/password.js";
import { randomToken, sha256Hex } from "../lib/random.js";
import {
  countLoginAttempts,
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSessionUser,
  findUserByEmail,
  uncountLoginAttempts,
  type User,
} from "../storage/accounts.js";
import { countFailedLogin } from "../storage/audit.js";
import type { Db } from "../storage/database.js";

export const SESSION_SECONDS = 8 * 60 * 60;

const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

/**
 * Checks the credentials and opens a session. Each attempt is first counted on its counters —
 * the account from this client, the account, the client (when its address is known) — and only
 * an attempt the policy lets through reaches the password check; a refused one is uncounted and
 * answered 429 with the wait. Keys are HMACs under the server's secret: the counters hold no email
 * or address, nor a plain hash of one.
 */
export async function login(
  deps: { db: Db; loginKeys: LoginKeys },
  input: { email: string; password: string; client?: string },
  now: Date,
): Promise<{ user: User; token: string; expiresAt: number }> {
  const { db, loginKeys } = deps;
  const nowSec = seconds(now);
  const email = input.email.toLowerCase();
  // Without a known address, every attempt at the account shares one pair.
  const pairKey = await loginKeys.keyOf("pair", email, input.client ?? "");
  const counters: { kind: LoginCounterKind; key: string }[] = [
    { kind: "pair", key: pairKey },
    { kind: "account", key: await loginKeys.keyOf("account", email) },
    ...(input.client ? [{ kind: "client" as const, key: await loginKeys.keyOf("client", input.client) }] : []),
  ];
  const counted = await countLoginAttempts(
    db,
    counters.map(({ key, kind }) => ({ key, periodSeconds: LOGIN_LIMITS[kind].periodSeconds })),
    nowSec,
  );
  const withCounts = counters.map((c, i) => ({ ...c, counter: at(counted, i, "login attempt counters, one per key") }));
  const counterOf = (kind: LoginCounterKind) => withCounts.find((c) => c.kind === kind)?.counter;
  const refund = withCounts.map(({ key, counter }) => ({ key, firstAt: counter.firstAt }));
  const decision = decideLogin(
    {
      pair: defined(counterOf("pair"), "the pair is always counted"),
      account: defined(counterOf("account"), "the account is always counted"),
      client: counterOf("client"),
    },
    nowSec,
  );
  if (!decision.allowed) {
    await uncountLoginAttempts(db, { refund });
    throw tooManyRequests("too_many_attempts", "Too many login attempts.", decision.retryAfterSeconds);
  }
  const found = await findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, found?.passwordHash ?? DUMMY_HASH);
  if (!found || !ok) {
    // A failure stays counted, and the account's audit log counts it too (when the address has an
    // account: the same statements run either way, so the work done does not tell).
    await countFailedLogin(db, { email, at: auditMinute(now), windowStart: failedLoginWindowStart(now) });
    throw new ApiError(401, "invalid_credentials", "Email or password is not correct.");
  }
  // The right password: this attempt no longer counts, and the pair's mistakes are forgotten.
  await uncountLoginAttempts(db, {
    refund: withCounts.filter((c) => c.kind !== "pair").map(({ key, counter }) => ({ key, firstAt: counter.firstAt })),
    clear: [pairKey],
  });
  const token = randomToken(32);
  const expiresAt = nowSec + SESSION_SECONDS;
  await deleteExpiredSessions(db, nowSec);
  await createSession(db, sha256Hex(token), found.id, expiresAt, {
    action: "login",
    detail: {},
    organisationId: null,
    actorId: found.id,
    at: auditMinute(now),
  });
  return { user: { id: found.id, email: found.email, role: found.role }, token, expiresAt };
}

export async function userForToken(db: Db, token: string, now: Date): Promise<User | undefined> {
  return findSessionUser(db, sha256Hex(token), seconds(now));
}

export async function logout(db: Db, token: string): Promise<void> {
  await deleteSession(db, sha256Hex(token));
}

/** Ends every session of the user, on every device (the current one included), recorded in the same batch. */
export async function logoutEverywhere(db: Db, userId: string, now: Date): Promise<void> {
  await deleteUserSessions(db, userId, {
    action: "logout_everywhere",
    detail: {},
    organisationId: null,
    actorId: userId,
    at: auditMinute(now),
  });
}
