/**
 * Database schema (drizzle sqlite-core), shared by libSQL on Node and D1 on Workers.
 *
 * Anonymity by construction: a response row holds its campaign, the units chosen, the
 * calendar date and the answers — never an IP, user agent, cookie or exact time. Response
 * and receipt tables are created WITHOUT ROWID (see the migration) so their physical order
 * follows random keys, not insertion order.
 *
 * Reports never read responses: when a round closes, its release (releases, release_cells,
 * release_comments) is computed from them once and frozen; a submission writes only its response,
 * its receipt and, in coded rounds, the code's used flag.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  /** Stored lower-case; unique. */
  email: text("email").notNull().unique(),
  /** "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>" */
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ["consultant", "manager"] }).notNull(),
  createdAt: text("created_at").notNull().default(sql`(datetime('now'))`),
});

/** Sessions are looked up by the SHA-256 of their token; the token itself lives only in the cookie. */
export const sessions = sqliteTable("sessions", {
  tokenHash: text("token_hash").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id),
  /** Unix seconds. */
  expiresAt: integer("expires_at").notNull(),
});

/**
 * Login attempt counters (services/auth.ts, domain/login-limits.ts): one row per key, a keyed hash
 * (HMAC under LOGIN_KEY_SECRET) of the account, the client address or both — never an address or
 * email in clear, nor a plain hash of one. Counted before the password is checked; a row is
 * dropped once `expires_at` (unix seconds) has passed.
 */
export const loginFailures = sqliteTable("login_failures", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  /** Unix seconds of the first attempt counted: the counter's period runs from here. */
  firstAt: integer("first_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

export const organisations = sqliteTable("organisations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** The consultant who runs this organisation's surveys. */
  consultantId: text("consultant_id").references(() => users.id),
  /** Whether this organisation's managers see the consultant's benchmark line (never its inputs). */
  benchmarkForManagers: integer("benchmark_for_managers", { mode: "boolean" }).notNull().default(false),
  /**
   * How long a released round is kept (src/domain/data-protection.ts): its comments go half-way,
   * the whole round at the end, counted in months from its release. Null = until deleted by hand.
   */
  retentionMonths: integer("retention_months"),
  createdAt: text("created_at").notNull().default(sql`(datetime('now'))`),
});

export const campaigns = sqliteTable("campaigns", {
  id: text("id").primaryKey(),
  organisationId: text("organisation_id")
    .notNull()
    .references(() => organisations.id),
  title: text("title").notNull(),
  instrumentId: text("instrument_id").notNull(),
  instrumentVersion: integer("instrument_version").notNull(),
  status: text("status", { enum: ["draft", "open", "closed"] }).notNull().default("draft"),
  /** Calendar dates (YYYY-MM-DD, inclusive); null = no bound. */
  opensOn: text("opens_on"),
  closesOn: text("closes_on"),
  /** The public link token: 128 random bits, base64url. */
  token: text("token").notNull().unique(),
  k: integer("k").notNull().default(5),
  kComments: integer("k_comments").notNull().default(10),
  /** JSON: CampaignUnits — the units per grouping dimension. */
  units: text("units").notNull(),
  /** JSON: thresholds of the start-here rule; empty = the method's defaults. */
  settings: text("settings").notNull().default("{}"),
  /** How many staff were invited, for the response rate when no codes were issued. */
  expectedHeadcount: integer("expected_headcount"),
  /** When set, a response needs an unused single-use access code. */
  requireCode: integer("require_code", { mode: "boolean" }).notNull().default(false),
  /** Codes issued and used, kept by triggers on access_codes (migration 0012): read without counting the codes. */
  codesIssued: integer("codes_issued").notNull().default(0),
  codesUsed: integer("codes_used").notNull().default(0),
  createdAt: text("created_at").notNull().default(sql`(datetime('now'))`),
});

/**
 * Clustered by campaign (WITHOUT ROWID, see the migration): a release pages through its round in
 * key order, and within a round the order is that of random ids, never of arrival. No foreign key
 * and no index: the submission path writes here once per respondent, through the views of
 * db/views.ts, whose triggers refuse any campaign that is not open.
 */
export const responses = sqliteTable("responses", {
  id: text("id").notNull(),
  campaignId: text("campaign_id").notNull(),
  /** The date only, never the time. */
  submittedOn: text("submitted_on").notNull(),
  instrumentVersion: integer("instrument_version").notNull(),
  department: text("department").notNull().default(""),
  role: text("role").notNull().default(""),
  tenure: text("tenure").notNull().default(""),
  /** Rows stored before `scores` existed: the validated answers as JSON. Null in every newer row. */
  answers: text("answers"),
  /**
   * The validated answers in their scored form (src/domain/stored-score.ts): every rating after
   * reverse-coding, the decision factors and the one that weighed most. With the units and the
   * comment, that is the whole validated response, compact (about 100 bytes).
   */
  scores: text("scores"),
  comment: text("comment"),
}, (t) => [primaryKey({ columns: [t.campaignId, t.id] })]);

/** Proof that a client's submissionId was stored once; deliberately holds no link to the response. */
export const receipts = sqliteTable(
  "receipts",
  {
    campaignId: text("campaign_id").notNull(),
    /** SHA-256 of campaign id and submissionId: the raw id never reaches the database. */
    keyHash: text("key_hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.keyHash] })],
);

/**
 * A round's release: made once, when the round closes, from its stored responses. Reports,
 * exports, comparisons, trends and benchmarks read only releases, so no figure moves while a
 * round is open. This row is written last, in the same batch that removes leftovers of earlier
 * attempts: a release without its row is invisible, and one with it is complete.
 */
export const releases = sqliteTable("releases", {
  campaignId: text("campaign_id")
    .primaryKey()
    .references(() => campaigns.id),
  /** Random per attempt; the rows below carry it, so an unfinished attempt is never read. */
  id: text("id").notNull().unique(),
  respondents: integer("respondents").notNull(),
  /** The calendar date of the release. */
  releasedOn: text("released_on").notNull(),
  /** JSON: the whole round's ReleaseStats, for portfolios, comparisons, trends and benchmarks. */
  totals: text("totals").notNull(),
  /**
   * JSON: the release's disclosure plan (src/domain/disclosure-plan.ts), audited before it was
   * stored: which groups are published and which are hidden. Always written; the default only
   * lets the column be added to an existing table.
   */
  plan: text("plan").notNull().default(""),
});

/**
 * A round's release attempts that have not (yet) made a release: written before each attempt, so an
 * attempt that kills the process (out of memory) is not retried at once on restart, and cleared by
 * the release's own batch. No answer and no person is in it: the round, how often, why, and when next.
 */
export const releaseAttempts = sqliteTable("release_attempts", {
  campaignId: text("campaign_id")
    .primaryKey()
    .references(() => campaigns.id),
  attempts: integer("attempts").notNull(),
  /** A closed code (src/domain/release-attempts.ts); "interrupted" until the attempt ends. */
  reason: text("reason").notNull(),
  /** ISO time before which the round is not tried again. */
  nextAttemptAt: text("next_attempt_at").notNull(),
});

/**
 * The figures of a release: one row per group its plan publishes (never a hidden group and never a
 * single cell unless the plan publishes it), keyed by the group's conditions. What the file holds
 * is what a reader of the reports may see, nothing finer.
 */
export const releaseGroups = sqliteTable(
  "release_groups",
  {
    releaseId: text("release_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    /** The group's conditions, as `groupKey` writes them. */
    key: text("key").notNull(),
    n: integer("n").notNull(),
    /** JSON: the group's ReleaseStats. */
    stats: text("stats").notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.key] }), index("release_groups_campaign_idx").on(t.campaignId)],
);

/** The comments of a release with their cell, under a random key that orders them (WITHOUT ROWID). */
export const releaseComments = sqliteTable(
  "release_comments",
  {
    releaseId: text("release_id").notNull(),
    sortKey: text("sort_key").notNull(),
    campaignId: text("campaign_id").notNull(),
    department: text("department").notNull(),
    role: text("role").notNull(),
    tenure: text("tenure").notNull(),
    comment: text("comment").notNull(),
  },
  (t) => [primaryKey({ columns: [t.releaseId, t.sortKey] }), index("release_comments_campaign_idx").on(t.campaignId)],
);

/** Managers who may read an organisation's reports; a grant comes only from an accepted invitation (or the demo seed). */
export const grants = sqliteTable(
  "grants",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /**
     * JSON: the units this manager was invited for, e.g. {"department":["Sales"]}; null = the whole
     * organisation. Copied from the invitation when it is accepted.
     */
    scope: text("scope"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] })],
);

/**
 * A consultant's invitation of a manager to one organisation. The link's token lives only in the
 * e-mail (or with the consultant when no mail is configured): the row holds its SHA-256. One
 * pending invitation per organisation and address; accepting or withdrawing deletes it, resending
 * replaces its token (the old link is dead).
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** Stored lower-case. */
    email: text("email").notNull(),
    /** JSON, as grants.scope: copied onto the grant when accepted. */
    scope: text("scope"),
    /** Who invited (the consultant), for the mail; null when an operator invited from the command line. */
    invitedBy: text("invited_by").references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    /** Unix seconds. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [uniqueIndex("invitations_organisation_email").on(t.organisationId, t.email)],
);

/** Single-use password-reset links, stored as the SHA-256 of their token. */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** Unix seconds. */
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/**
 * Consultants' own instruments, one row per version; built-in instruments live in `surveys/`.
 * A version is never changed: editing stores the next version, and campaigns keep theirs.
 */
export const instruments = sqliteTable(
  "instruments",
  {
    id: text("id").notNull(),
    version: integer("version").notNull(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id),
    /** The validated SurveyJS JSON, with instrumentId and instrumentVersion set. */
    json: text("json").notNull(),
    createdAt: text("created_at").notNull().default(sql`(datetime('now'))`),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

/**
 * Single-use access codes, stored as SHA-256 of campaign id and code. A code is only flagged
 * used — no response id, no time, and (WITHOUT ROWID, see the migration) no insertion order
 * that could pair it with the response it unlocked. The check makes a second use fail its batch.
 */
export const accessCodes = sqliteTable(
  "access_codes",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    codeHash: text("code_hash").notNull(),
    used: integer("used").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.codeHash] }), check("access_codes_single_use", sql`${t.used} in (0, 1)`)],
);

/**
 * A consultant's published benchmarks (src/domain/benchmark.ts): frozen when made, never
 * recomputed; readers see the consultant's latest. `seq` counts a consultant's sets 1, 2, 3…:
 * the set before is seq − 1, and two publications at once cannot both follow the same set (the
 * unique index refuses the second). Only a date is kept, not a time.
 */
export const normSets = sqliteTable(
  "norm_sets",
  {
    id: text("id").primaryKey(),
    consultantId: text("consultant_id")
      .notNull()
      .references(() => users.id),
    seq: integer("seq").notNull(),
    /** The calendar date it was made (YYYY-MM-DD). */
    madeOn: text("made_on").notNull(),
    /** JSON: NormEntry[] — per organisation the round it contributes and that round's unrounded profile. */
    profiles: text("profiles").notNull(),
  },
  (t) => [uniqueIndex("norm_sets_consultant_seq").on(t.consultantId, t.seq)],
);

/**
 * The audit log (src/domain/audit.ts): which member of staff did what — read or exported a report,
 * managed invitations and managers, logged in, failed to (a count per account), reset a password,
 * opened or closed a round, issued codes. Never a respondent, a figure, a password or a client
 * address. `organisation_id` is null for account events (logins, resets), which the consultant
 * sees for the managers of their organisations. `at` is UTC to the minute; entries older than 400
 * days are deleted by the release sweep. Listed newest first by `at`, then by rowid (insertion
 * order within a minute; the rowid never leaves the server).
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id").references(() => organisations.id),
    /** Null once the acting account was deleted: the entry stays, its actor reads "deleted account". */
    actorId: text("actor_id").references(() => users.id),
    action: text("action").notNull(),
    /** JSON: the action's AuditDetails. */
    detail: text("detail").notNull().default("{}"),
    /** "YYYY-MM-DDTHH:MMZ" */
    at: text("at").notNull(),
  },
  (t) => [index("audit_log_organisation_idx").on(t.organisationId, t.at), index("audit_log_actor_idx").on(t.actorId, t.at), index("audit_log_at_idx").on(t.at)],
);

/**
 * A released round's action plan (src/domain/action-plan.ts): the levels management chose to work
 * on. One row per round, made the first time someone saves it; before that the plan is empty and
 * the release's start-here level is offered. Staff data only: nothing here is about respondents.
 */
export const actionPlans = sqliteTable("action_plans", {
  campaignId: text("campaign_id")
    .primaryKey()
    .references(() => campaigns.id),
  /** JSON: LevelId[], top-down. */
  focusLevels: text("focus_levels").notNull().default("[]"),
  /** "YYYY-MM-DDTHH:MMZ" of the last change. */
  updatedAt: text("updated_at").notNull(),
});

/**
 * The actions of a round's plan: what will be done at which level, by whom (a role or a name of
 * staff responsible, free text — never a respondent), by when, and how far it is.
 */
export const planActions = sqliteTable(
  "plan_actions",
  {
    id: text("id").primaryKey(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    level: text("level").notNull(),
    title: text("title").notNull(),
    owner: text("owner").notNull(),
    /** Calendar date (YYYY-MM-DD); null = no date set. */
    dueOn: text("due_on"),
    status: text("status", { enum: ["planned", "in_progress", "done"] }).notNull().default("planned"),
    /** Order within the plan: the order actions were added. */
    position: integer("position").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("plan_actions_campaign_idx").on(t.campaignId, t.position)],
);

/**
 * The link that shows a round's results summary to staff without logging in: the SHA-256 of a
 * random 256-bit token (the token itself is only in the link). At most one per round; sharing
 * again replaces it (the old link dies), revoking deletes it.
 */
export const summaryLinks = sqliteTable("summary_links", {
  campaignId: text("campaign_id")
    .primaryKey()
    .references(() => campaigns.id),
  tokenHash: text("token_hash").notNull().unique(),
  /** Null once the account that shared it was deleted: the link keeps working for staff. */
  createdBy: text("created_by").references(() => users.id),
  /** "YYYY-MM-DDTHH:MMZ" */
  createdAt: text("created_at").notNull(),
});

/**
 * Staff invited by e-mail to a round on codes, per round: the mode the consultant chose, the mail
 * languages and counts — never an address. `reminders` counts reminder runs (no-tracking mode) and
 * `maxReminders` bounds them per invitation (reminders mode) or per round (no tracking).
 */
export const staffInvitationRounds = sqliteTable("staff_invitation_rounds", {
  campaignId: text("campaign_id")
    .primaryKey()
    .references(() => campaigns.id),
  mode: text("mode", { enum: ["reminders", "no_tracking"] }).notNull(),
  languages: text("languages", { enum: ["nl", "en", "both"] }).notNull(),
  invited: integer("invited").notNull().default(0),
  reminders: integer("reminders").notNull().default(0),
  maxReminders: integer("max_reminders").notNull(),
});

/**
 * One row per invitation of a round in "reminders" mode, and only until the round is released
 * (the release's final batch deletes them): the address as HMAC under INVITATION_KEY_SECRET, the
 * hash of its code as access_codes stores it, the code sealed under a key only the address and
 * the secret give (src/lib/invitation-keys.ts), the reminders sent and the language. No plain
 * address, no plain code, no time; WITHOUT ROWID (see the migration), so row order is that of
 * the keyed hashes, not of sending.
 */
export const staffInvitations = sqliteTable(
  "staff_invitations",
  {
    campaignId: text("campaign_id").notNull(),
    addressKey: text("address_key").notNull(),
    codeHash: text("code_hash").notNull(),
    sealedCode: text("sealed_code").notNull(),
    remindersSent: integer("reminders_sent").notNull().default(0),
    language: text("language", { enum: ["nl", "en", "both"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.addressKey] })],
);
