/**
 * Inviting managers, never attaching them silently: a consultant invites an address to one of
 * their organisations; the link's owner sets their own password (no account yet) or accepts while
 * logged in with that address (an account already). Inviting never looks at whether the address
 * has an account, so its answer cannot tell. Accepting as a consultant is refused.
 */
import {
  expiryOf,
  INVITATION_SECONDS,
  isExpired,
  LINK_TOKEN_BYTES,
  normaliseScope,
  parseScope,
  type UnitScope,
  unixSeconds,
} from "../domain/links.js";
import { invitationMail } from "../domain/mail-texts.js";
import { checkPassword } from "../domain/password-rules.js";
import { ApiError } from "../lib/api-error.js";
import type { Mailer } from "../lib/mailer.js";
import { hashPassword } from "../lib/password.js";
import { randomId, randomToken } from "../lib/random.js";
import { findUserByEmail, findUserById, type User } from "../storage/accounts.js";
import type { Db } from "../storage/database.js";
import {
  acceptInvitation as acceptStored,
  deleteInvitation,
  findInvitation,
  findInvitationByToken,
  type InvitationRow,
  listInvitations,
  listManagers,
  replaceInvitationToken,
  revokeManager,
  upsertInvitation,
} from "../storage/invitations.js";
import { audit, auditRecord } from "./audit.js";

export interface LinkDeps {
  db: Db;
  mailer: Mailer | null;
  now: () => Date;
  sha256: (text: string) => string | Promise<string>;
}

export interface InvitationView {
  id: string;
  email: string;
  scope: UnitScope | null;
  /** ISO date-time. */
  expiresAt: string;
  expired: boolean;
}

/** Sent by mail, or — without a mailer — the link itself, for the consultant to pass on. */
export type Delivery = { delivery: "sent" } | { delivery: "link"; link: string };

const invitationLink = (baseUrl: string, token: string) => `${baseUrl}/invitation#${token}`;

const view = (row: InvitationRow, now: Date): InvitationView => ({
  id: row.id,
  email: row.email,
  scope: parseScope(row.scope),
  expiresAt: new Date(row.expiresAt * 1000).toISOString(),
  expired: isExpired(row.expiresAt, now),
});

async function deliver(
  deps: LinkDeps,
  row: InvitationRow,
  token: string,
  context: { organisation: string; inviter: string | null; baseUrl: string },
): Promise<Delivery> {
  const link = invitationLink(context.baseUrl, token);
  if (!deps.mailer) return { delivery: "link", link };
  try {
    await deps.mailer.send(
      invitationMail({
        to: row.email,
        organisation: context.organisation,
        inviter: context.inviter,
        link,
        expiresAt: row.expiresAt,
      }),
    );
  } catch (error) {
    // The invitation stays pending (listed, with "resend"); its link reached nobody. The mailer's
    // error is the cause, which the request's log line carries with its request id.
    const failure = new ApiError(
      502,
      "mail_not_sent",
      "The invitation is saved, but the e-mail could not be sent. Try “resend” later, or check the mail settings.",
    );
    failure.cause = error;
    throw failure;
  }
  return { delivery: "sent" };
}

/** Invites `email` to the organisation (or renews the pending invitation of that address, killing its old link). */
export async function inviteManager(
  deps: LinkDeps,
  input: {
    organisation: { id: string; name: string };
    email: string;
    scope?: UnitScope | undefined;
    inviter: Pick<User, "id" | "email"> | null;
    baseUrl: string;
  },
): Promise<{ invitation: InvitationView } & Delivery> {
  const token = randomToken(LINK_TOKEN_BYTES);
  const scope = normaliseScope(input.scope);
  const row = await upsertInvitation(deps.db, {
    id: randomId(),
    organisationId: input.organisation.id,
    email: input.email.trim().toLowerCase(),
    scope: scope ? JSON.stringify(scope) : null,
    invitedBy: input.inviter?.id ?? null,
    tokenHash: await deps.sha256(token),
    expiresAt: expiryOf(deps.now(), INVITATION_SECONDS),
  });
  // Recorded once stored: a mail that fails afterwards leaves the invitation (listed, to resend), and its entry.
  if (input.inviter) {
    await audit(deps, input.inviter.id, input.organisation.id, {
      action: "invitation_sent",
      detail: { invitationId: row.id, email: row.email, departments: scope?.department ?? null },
    });
  }
  const delivery = await deliver(deps, row, token, {
    organisation: input.organisation.name,
    inviter: input.inviter?.email ?? null,
    baseUrl: input.baseUrl,
  });
  return { invitation: view(row, deps.now()), ...delivery };
}

/** A new link for a pending invitation, with a fresh expiry; the old link is dead. */
export async function resendInvitation(
  deps: LinkDeps,
  input: {
    organisation: { id: string; name: string };
    invitationId: string;
    inviter: Pick<User, "id" | "email"> | null;
    baseUrl: string;
  },
): Promise<{ invitation: InvitationView } & Delivery> {
  const found = await findInvitation(deps.db, input.organisation.id, input.invitationId);
  if (!found) throw new ApiError(404, "not_found", "Invitation not found");
  const token = randomToken(LINK_TOKEN_BYTES);
  const row = { ...found, expiresAt: expiryOf(deps.now(), INVITATION_SECONDS) };
  await replaceInvitationToken(deps.db, row.id, await deps.sha256(token), row.expiresAt);
  if (input.inviter)
    await audit(deps, input.inviter.id, input.organisation.id, {
      action: "invitation_resent",
      detail: { invitationId: row.id, email: row.email },
    });
  const delivery = await deliver(deps, row, token, {
    organisation: input.organisation.name,
    inviter: input.inviter?.email ?? null,
    baseUrl: input.baseUrl,
  });
  return { invitation: view(row, deps.now()), ...delivery };
}

/** Withdraws a pending invitation (its link dies), recorded in the same batch; 404 when there is none. */
export async function withdrawInvitation(
  deps: Pick<LinkDeps, "db" | "now">,
  input: { organisationId: string; invitationId: string; actor: Pick<User, "id"> },
): Promise<void> {
  const found = await findInvitation(deps.db, input.organisationId, input.invitationId);
  const record =
    found &&
    auditRecord(deps, input.actor.id, input.organisationId, {
      action: "invitation_withdrawn",
      detail: { invitationId: found.id, email: found.email },
    });
  if (!record || !(await deleteInvitation(deps.db, input.organisationId, input.invitationId, record)))
    throw new ApiError(404, "not_found", "Invitation not found");
}

/** Revokes a manager's access here and ends their sessions, recorded in the same batch; 404 when they have no grant here. */
export async function revokeManagerAccess(
  deps: Pick<LinkDeps, "db" | "now">,
  input: { organisationId: string; userId: string; actor: Pick<User, "id"> },
): Promise<void> {
  const manager = await findUserById(deps.db, input.userId);
  const record =
    manager &&
    auditRecord(deps, input.actor.id, input.organisationId, {
      action: "manager_revoked",
      detail: { userId: manager.id, email: manager.email },
    });
  if (!record || !(await revokeManager(deps.db, input.organisationId, input.userId, record)))
    throw new ApiError(404, "not_found", "Manager not found");
}

export async function organisationManagers(deps: Pick<LinkDeps, "db" | "now">, organisationId: string) {
  const [pending, managers] = await Promise.all([
    listInvitations(deps.db, organisationId),
    listManagers(deps.db, organisationId),
  ]);
  return {
    pending: pending.map((row) => view(row, deps.now())),
    managers: managers.map((m) => ({ userId: m.userId, email: m.email, scope: parseScope(m.scope) })),
  };
}

const linkNotValid = () =>
  new ApiError(
    404,
    "invitation_not_found",
    "This invitation link does not work: it was used, withdrawn, or replaced by a newer one.",
  );
const linkExpired = () =>
  new ApiError(410, "invitation_expired", "This invitation has expired. Ask whoever invited you to send it again.");

async function liveInvitation(deps: LinkDeps, token: string) {
  const found = token.length > 128 ? undefined : await findInvitationByToken(deps.db, await deps.sha256(token));
  if (!found) throw linkNotValid();
  if (isExpired(found.expiresAt, deps.now())) throw linkExpired();
  return found;
}

/**
 * What the invitation page shows its link's holder: the organisation, the address, the expiry and
 * whether to choose a password or to log in. The holder is the address's owner (the mail went
 * there), or the consultant who made the link when no mail is configured.
 */
export async function describeInvitation(deps: LinkDeps, token: string) {
  const found = await liveInvitation(deps, token);
  const account = await findUserByEmail(deps.db, found.email);
  return {
    organisation: found.organisationName,
    email: found.email,
    scope: parseScope(found.scope),
    expiresAt: new Date(found.expiresAt * 1000).toISOString(),
    next: account ? ("log_in" as const) : ("choose_password" as const),
  };
}

const consultantRefused = () =>
  new ApiError(
    409,
    "consultant_account",
    "This address belongs to a consultant account, which cannot become a manager of an organisation. Ask to be invited with another address.",
  );

/**
 * Accepts an invitation. Logged in: only as the invited address, and not as a consultant. Not
 * logged in: only when the address has no account yet, with a password that passes the rules; an
 * existing account must log in first (nobody else's password is ever set through a link).
 */
export async function acceptInvitation(
  deps: LinkDeps,
  input: { token: string; user: User | null; password?: string | undefined },
): Promise<{ organisationId: string; email: string }> {
  const found = await liveInvitation(deps, input.token);
  const tokenHash = await deps.sha256(input.token);
  const now = unixSeconds(deps.now());
  const acceptance = (userId: string) =>
    auditRecord(deps, userId, found.organisationId, { action: "invitation_accepted", detail: {} });
  let accepted: boolean;
  if (input.user) {
    if (input.user.email !== found.email) {
      throw new ApiError(
        403,
        "wrong_account",
        `This invitation is for another address. Log out, then open the link again to accept it as ${found.email}.`,
      );
    }
    if (input.user.role !== "manager") throw consultantRefused();
    accepted = await acceptStored(deps.db, { tokenHash, userId: input.user.id, now, audit: acceptance(input.user.id) });
  } else {
    const existing = await findUserByEmail(deps.db, found.email);
    if (existing?.role === "consultant") throw consultantRefused();
    if (existing)
      throw new ApiError(
        401,
        "log_in_to_accept",
        "This address has an account already: log in with it to accept the invitation.",
      );
    if (!input.password)
      throw new ApiError(400, "password_required", "Choose a password for your new account.", [
        { path: "password", message: "required" },
      ]);
    const verdict = checkPassword(input.password, found.email);
    if (!verdict.ok)
      throw new ApiError(400, "weak_password", verdict.message, [{ path: "password", message: verdict.problem }]);
    const userId = randomId();
    accepted = await acceptStored(deps.db, {
      tokenHash,
      userId,
      now,
      audit: acceptance(userId),
      newAccount: { email: found.email, passwordHash: await hashPassword(input.password) },
    });
  }
  if (!accepted) throw linkNotValid();
  return { organisationId: found.organisationId, email: found.email };
}
