/**
 * Logging in and out: password check, rate limiting per account and per client, and sessions
 * whose tokens are stored only as hashes. A new token at every login; logout deletes it.
 */
import { ApiError, tooManyRequests } from "../lib/api-error.js";
import { DUMMY_HASH, verifyPassword } from "../lib/password.js";
import { randomToken, sha256Hex } from "../lib/random.js";
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  failureCount,
  findSessionUser,
  findUserByEmail,
  recordFailures,
  type User,
} from "../storage/accounts.js";
import type { Db } from "../storage/database.js";

export const SESSION_SECONDS = 8 * 60 * 60;
export const RATE_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 30;

const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

export async function login(
  db: Db,
  input: { email: string; password: string; client?: string },
  now: Date,
): Promise<{ user: User; token: string; expiresAt: number }> {
  const nowSec = seconds(now);
  const window = Math.floor(nowSec / RATE_WINDOW_SECONDS);
  // Keys are hashed: the counters never hold an email address or a client address in clear.
  const keys = [`account:${await sha256Hex(input.email.toLowerCase())}`];
  if (input.client) keys.push(`client:${await sha256Hex(input.client)}`);
  const [accountFailures, clientFailures] = await Promise.all(keys.map((key) => failureCount(db, key, window)));
  if ((accountFailures ?? 0) >= MAX_FAILURES_PER_ACCOUNT || (clientFailures ?? 0) >= MAX_FAILURES_PER_CLIENT) {
    throw tooManyRequests("too_many_attempts", "Too many failed logins.", (window + 1) * RATE_WINDOW_SECONDS - nowSec);
  }
  const found = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(input.password, found?.passwordHash ?? DUMMY_HASH);
  if (!found || !ok) {
    await recordFailures(db, keys, window);
    throw new ApiError(401, "invalid_credentials", "Email or password is not correct.");
  }
  const token = randomToken(32);
  const expiresAt = nowSec + SESSION_SECONDS;
  await deleteExpiredSessions(db, nowSec);
  await createSession(db, await sha256Hex(token), found.id, expiresAt);
  return { user: { id: found.id, email: found.email, role: found.role }, token, expiresAt };
}

export async function userForToken(db: Db, token: string, now: Date): Promise<User | undefined> {
  return findSessionUser(db, await sha256Hex(token), seconds(now));
}

export async function logout(db: Db, token: string): Promise<void> {
  await deleteSession(db, await sha256Hex(token));
}
