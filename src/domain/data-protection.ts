/**
 * Data protection as pure rules: what deleting a round, an organisation or an account removes,
 * when an organisation's retention period deletes a released round (its comments first), who may
 * delete which account, and the export's schema version. Storage counts the rows; these functions
 * decide and describe.
 */

/** What deleting one round removes, by count (each a kind of row the round owns). */
export interface RoundFootprint {
  /** Raw responses: only a running round (or one not yet swept) has any. */
  responses: number;
  /** Proofs that a submission was stored once (no link to the response). */
  receipts: number;
  /** 1 when the round was released. */
  releases: number;
  /** Published groups' figures. */
  groups: number;
  /** Published comments. */
  comments: number;
  codes: number;
  /** Per-address invitation rows (reminders mode, only until the release) and the round's mode and counts. */
  staffInvitations: number;
  /** 1 when an action plan was saved; its actions below. */
  actionPlans: number;
  planActions: number;
  /** 1 when a staff summary link exists. */
  summaryLinks: number;
}

export const ROUND_PARTS = [
  "responses",
  "receipts",
  "releases",
  "groups",
  "comments",
  "codes",
  "staffInvitations",
  "actionPlans",
  "planActions",
  "summaryLinks",
] as const satisfies readonly (keyof RoundFootprint)[];

export const emptyFootprint = (): RoundFootprint =>
  Object.fromEntries(ROUND_PARTS.map((p) => [p, 0])) as unknown as RoundFootprint;

/** The sum of several rounds' footprints (an organisation's). */
export function sumFootprints(footprints: readonly RoundFootprint[]): RoundFootprint {
  const total = emptyFootprint();
  for (const f of footprints) for (const p of ROUND_PARTS) total[p] += f[p];
  return total;
}

/** What deleting an organisation removes besides its rounds. */
export interface OrganisationFootprint extends RoundFootprint {
  rounds: number;
  /** Managers' grants to this organisation (their accounts stay: they may have others). */
  managers: number;
  /** Pending manager invitations. */
  invitations: number;
  /** The organisation's audit entries (its managers' account events under it included). */
  auditEntries: number;
  /** Norm sets that hold the organisation: they keep its figures, lose its name and ids. */
  normSets: number;
}

/** What deleting an account removes. */
export interface AccountFootprint {
  sessions: number;
  grants: number;
  /** Pending invitations to the account's address. */
  invitations: number;
  resetLinks: number;
  /** Kept, with the actor removed: the count says how many entries lose their name. */
  auditEntries: number;
  /** A consultant's own instruments and norm sets (only possible once they own no organisation). */
  instruments: number;
  normSets: number;
}

/** A running round is deleted only when asked explicitly: deleting it throws away answers staff gave. */
export type RoundDeletionCheck = { allowed: true } | { allowed: false; code: "round_running"; message: string };

/**
 * Whether a round may be deleted now. A draft or a closed round: yes. A running round: only with
 * `confirm` — it is never released, so its raw responses go unread. We do not require closing it
 * first: closing releases the results, which cannot be taken back, and a round set up for the wrong
 * organisation or with the wrong instrument should go without publishing anything.
 */
export function roundDeletion(status: "draft" | "open" | "closed", confirm: boolean): RoundDeletionCheck {
  if (status !== "open" || confirm) return { allowed: true };
  return {
    allowed: false,
    code: "round_running",
    message:
      "The round is running: deleting it throws away the answers staff gave, unreleased. Close it to release its results first, or delete it with confirm=1.",
  };
}

/** Who may delete an account: a consultant deletes managers of their own organisations only, and themselves once they own none. */
export type AccountDeletionCheck =
  | { allowed: true }
  | {
      allowed: false;
      status: 404 | 409;
      code: "not_found" | "owns_organisations" | "manager_elsewhere";
      message: string;
    };

export function accountDeletion(input: {
  actor: { id: string; role: "consultant" | "manager" };
  target: { id: string; role: "consultant" | "manager" } | undefined;
  /** Organisations the target is granted (managers). */
  targetGrants: readonly string[];
  /** Organisations with a pending invitation to the target's address. */
  targetInvitedTo?: readonly string[];
  /** Organisations the actor owns (consultants). */
  actorOwns: readonly string[];
}): AccountDeletionCheck {
  const { actor, target, targetGrants, actorOwns } = input;
  const notFound = { allowed: false, status: 404, code: "not_found", message: "Account not found" } as const;
  if (!target) return notFound;
  if (target.id === actor.id) {
    if (actor.role === "consultant" && actorOwns.length > 0) {
      return {
        allowed: false,
        status: 409,
        code: "owns_organisations",
        message: `You still run ${actorOwns.length} organisation(s): delete them (or have the operator move them) before deleting your account.`,
      };
    }
    return { allowed: true };
  }
  // Nobody but the account itself deletes a consultant; a manager deletes no one else.
  if (actor.role !== "consultant" || target.role !== "manager") return notFound;
  const owns = new Set(actorOwns);
  const mine = targetGrants.filter((o) => owns.has(o));
  const invitedByMe = (input.targetInvitedTo ?? []).some((o) => owns.has(o));
  // Another consultant's manager is not found (nothing tells that the account exists).
  if (mine.length === 0 && !invitedByMe) return notFound;
  if (mine.length < targetGrants.length) {
    return {
      allowed: false,
      status: 409,
      code: "manager_elsewhere",
      message:
        "This manager also reads another consultant's organisation: revoke their access to yours instead; only they (or that consultant) can delete the account.",
    };
  }
  return { allowed: true };
}

/** Retention in months after a release: from one year (a year of action on the results) to ten. */
export const RETENTION_MONTHS = { min: 12, max: 120 } as const;

/** `date` (YYYY-MM-DD) plus `months`, on the same day of the month or the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * When a released round's data goes under a retention of `months`: its comments half-way
 * (rounded up), the whole round at the end. Comments are free text, the part of a release most
 * likely to name its writer, and they serve the first months of acting on the results; the
 * figures serve trends and comparisons for longer. Deleted on the first sweep on or after the date.
 */
export function retentionDates(releasedOn: string, months: number): { commentsOn: string; roundOn: string } {
  return { commentsOn: addMonths(releasedOn, Math.ceil(months / 2)), roundOn: addMonths(releasedOn, months) };
}

/** What the sweep does to a released round today: nothing, delete its comments, or delete it. */
export function retentionDue(releasedOn: string, months: number | null, today: string): "none" | "comments" | "round" {
  if (months === null) return "none";
  const { commentsOn, roundOn } = retentionDates(releasedOn, months);
  if (today >= roundOn) return "round";
  if (today >= commentsOn) return "comments";
  return "none";
}

/**
 * What a retention period would delete on the next sweep (within a minute of setting it), given
 * the released rounds now kept: whole rounds past its end, and the comments of rounds past its
 * half. Setting a period that deletes anything at once needs confirming, like deleting by hand.
 */
export function retentionDeletesNow(
  releases: readonly { releasedOn: string; comments: number }[],
  months: number | null,
  today: string,
): { rounds: number; comments: number } {
  const now = { rounds: 0, comments: 0 };
  for (const r of releases) {
    const due = retentionDue(r.releasedOn, months, today);
    if (due === "round") now.rounds++;
    else if (due === "comments") now.comments += r.comments;
  }
  return now;
}

/** The export's schema version: raised whenever a field is removed or changes meaning. */
export const EXPORT_SCHEMA_VERSION = 1;
