/**
 * Password reset by a single-use link sent to the account's address. Asking always gets the same
 * answer, and the work (looking the address up, storing a link, sending) happens after the answer
 * is sent, so neither the answer nor its timing tells whether an account exists. Without a mailer
 * no link is made by the API (it could only go back to whoever asked): the operator's command line
 * prints one instead (`npm run cli -- reset-link --email …`).
 */
import { expiryOf, LINK_TOKEN_BYTES, RESET_SECONDS, unixSeconds } from "../domain/links.js";
import { passwordResetMail } from "../domain/mail-texts.js";
import { checkPassword } from "../domain/password-rules.js";
import { ApiError } from "../lib/api-error.js";
import { hashPassword } from "../lib/password.js";
import { randomToken } from "../lib/random.js";
import type { RateLimiter } from "../lib/rate-limit.js";
import { findUserByEmail } from "../storage/accounts.js";
import { completePasswordReset, createPasswordReset, findPasswordReset } from "../storage/invitations.js";
import { auditRecord } from "./audit.js";
import type { LinkDeps } from "./invitations.js";

/** Reset mails per address per hour: enough to retry, too few to flood someone's inbox. */
export const RESETS_PER_HOUR = 3;
export const RESET_WINDOW_MS = 60 * 60 * 1000;

const resetLink = (baseUrl: string, token: string) => `${baseUrl}/reset-password#${token}`;

/** Stores a reset link for the account of `email` (if any) and returns it; for the mail, or the operator's command line. */
export async function makeResetLink(
  deps: Omit<LinkDeps, "mailer">,
  email: string,
  baseUrl: string,
): Promise<{ link: string; expiresAt: number; email: string } | undefined> {
  const user = await findUserByEmail(deps.db, email);
  if (!user) return undefined;
  const token = randomToken(LINK_TOKEN_BYTES);
  const expiresAt = expiryOf(deps.now(), RESET_SECONDS);
  await createPasswordReset(deps.db, await deps.sha256(token), user.id, expiresAt, unixSeconds(deps.now()));
  return { link: resetLink(baseUrl, token), expiresAt, email: user.email };
}

/** The work behind `POST /api/auth/password-reset`, run after the answer: silent whatever happens. */
export async function requestPasswordReset(
  deps: LinkDeps & { resetLimits: RateLimiter },
  email: string,
  baseUrl: string,
): Promise<void> {
  if (!deps.mailer) return;
  const address = email.trim().toLowerCase();
  if (!deps.resetLimits.take(`reset:${await deps.sha256(address)}`, deps.now().getTime()).allowed) return;
  const made = await makeResetLink(deps, address, baseUrl);
  if (!made) return;
  await deps.mailer.send(passwordResetMail({ to: made.email, link: made.link, expiresAt: made.expiresAt }));
}

/** Sets a new password through a live link; ends every session of the account and every other reset link. */
export async function resetPassword(deps: Omit<LinkDeps, "mailer">, token: string, password: string): Promise<void> {
  const invalid = () =>
    new ApiError(
      404,
      "reset_link_invalid",
      "This link does not work any more: it was used, or it expired. Ask for a new one.",
    );
  const now = unixSeconds(deps.now());
  const tokenHash = token.length > 128 ? undefined : await deps.sha256(token);
  const found = tokenHash ? await findPasswordReset(deps.db, tokenHash, now) : undefined;
  if (!tokenHash || !found) throw invalid();
  const verdict = checkPassword(password, found.email);
  if (!verdict.ok)
    throw new ApiError(400, "weak_password", verdict.message, [{ path: "password", message: verdict.problem }]);
  const audit = auditRecord(deps, found.userId, null, { action: "password_reset", detail: {} });
  if (
    !(await completePasswordReset(deps.db, {
      tokenHash,
      userId: found.userId,
      passwordHash: await hashPassword(password),
      now,
      audit,
    }))
  )
    throw invalid();
}
