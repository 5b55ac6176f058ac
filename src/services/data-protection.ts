/**
 * Deleting rounds, organisations and accounts, the retention sweep, and the export of all of an
 * organisation's data. Each deletion first counts what it removes (the preview and the answer say
 * so), then writes one `db.batch`: every delete and its audit entry together, all or nothing.
 */
import { desc, eq, sql } from "drizzle-orm";

import { type AuditEvent, auditMinute } from "../domain/audit.js";
import { calendarDate, type Campaign } from "../domain/campaign.js";
import {
  accountDeletion,
  type AccountFootprint,
  EXPORT_SCHEMA_VERSION,
  type OrganisationFootprint,
  RETENTION_MONTHS,
  retentionDates,
  retentionDeletesNow,
  retentionDue,
  roundDeletion,
  type RoundFootprint,
  sumFootprints,
} from "../domain/data-protection.js";
import type { UnitScope } from "../domain/links.js";
import { type Dimension, DIMENSIONS } from "../domain/units.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { ApiError, notFound } from "../lib/api-error.js";
import { defined } from "../lib/invariant.js";
import type { OrganisationExport } from "../schemas/export.js";
import type { CampaignReport } from "../schemas/report.js";
import { accessibleOrganisations, findUserById, type User } from "../storage/accounts.js";
import { findPlans, findSummaryLink, listActions } from "../storage/action-plans.js";
import { auditInsert, type AuditRecord, DELETED_ACTOR } from "../storage/audit.js";
import { campaignWritten, findOrganisation, listCampaigns } from "../storage/campaigns.js";
import {
  accountFootprint,
  accountLinks,
  type AccountReach,
  deleteAccountStatements,
  deleteCommentsStatement,
  deleteOrganisationStatements,
  deleteRoundStatements,
  forgetInNormSets,
  organisationCampaignIds,
  organisationFootprint,
  retainedReleases,
  roundFootprint,
  roundFootprints,
  setRetention,
} from "../storage/data-protection.js";
import { type Db, schema } from "../storage/database.js";
import { findRelease } from "../storage/releases.js";
import { liveTotals } from "./live-counts.js";
import { releasing } from "./release.js";
import { campaignReport } from "./reports.js";

export interface DataDeps {
  db: Db;
  instruments: InstrumentRegistry;
  now: () => Date;
}

const record = (
  deps: DataDeps,
  actorId: string | null,
  organisationId: string | null,
  event: AuditEvent,
): AuditRecord => ({ ...event, organisationId, actorId, at: auditMinute(deps.now()) });

/** Counts only where something goes: what the audit entry and the confirm dialog list. */
const nonZero = (counts: object): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => typeof n === "number" && n > 0));

const roundOf = (c: Campaign) => ({ id: c.id, title: c.title, status: c.status });

/**
 * The rounds' footprints, with a running round's responses (and their receipts) as the live counts
 * have them, at most 30 s old: a preview read after each answer must not show it land.
 */
async function countedFootprints(deps: DataDeps, campaignIds: readonly string[]): Promise<Map<string, RoundFootprint>> {
  const footprints = await roundFootprints(deps.db, campaignIds);
  const running = [...footprints].filter(([, f]) => f.releases === 0).map(([id]) => id);
  const live = running.length > 0 ? await liveTotals(deps.db, running, deps.now().getTime()) : new Map();
  for (const id of running) {
    const f = defined(footprints.get(id), "a footprint for every round asked");
    const n = live.get(id) ?? 0;
    footprints.set(id, { ...f, responses: n, receipts: n });
  }
  return footprints;
}

export async function roundDeletionPreview(
  deps: DataDeps,
  campaign: Campaign,
): Promise<{ round: ReturnType<typeof roundOf>; removes: RoundFootprint; needsConfirm: boolean }> {
  const removes = defined(
    (await countedFootprints(deps, [campaign.id])).get(campaign.id),
    "a footprint for every round asked",
  );
  return { round: roundOf(campaign), removes, needsConfirm: !roundDeletion(campaign.status, false).allowed };
}

export async function deleteRound(deps: DataDeps, campaign: Campaign, user: User, confirm: boolean) {
  const check = roundDeletion(campaign.status, confirm);
  if (!check.allowed)
    throw new ApiError(409, check.code, check.message, [{ path: "confirm", message: "required for a running round" }]);
  const preview = await roundDeletionPreview(deps, campaign);
  await deps.db.batch([
    ...(await forgetInNormSets(deps.db, "campaignId", campaign.id)),
    ...deleteRoundStatements(deps.db, campaign.id),
    auditInsert(
      deps.db,
      record(deps, user.id, campaign.organisationId, {
        action: "round_deleted",
        detail: { campaignId: campaign.id, title: campaign.title, removed: nonZero(preview.removes) },
      }),
    ),
  ] as unknown as Parameters<Db["batch"]>[0]);
  // The submission path caches rounds: a deleted one must be gone at once.
  campaignWritten();
  return { deleted: true as const, ...preview };
}

async function ownedOrganisation(db: Db, user: User, organisationId: string) {
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation || user.role !== "consultant" || organisation.consultantId !== user.id)
    throw notFound("Organisation");
  return organisation;
}

export async function organisationDeletionPreview(deps: DataDeps, user: User, organisationId: string) {
  const organisation = await ownedOrganisation(deps.db, user, organisationId);
  const ids = await organisationCampaignIds(deps.db, organisationId);
  const rounds = [...(await countedFootprints(deps, ids)).values()];
  const rest = await organisationFootprint(deps.db, organisationId, rounds);
  const removes: OrganisationFootprint = { rounds: ids.length, ...sumFootprints(rounds), ...rest };
  return { organisation: { id: organisation.id, name: organisation.name }, removes, campaignIds: ids };
}

export async function deleteOrganisation(deps: DataDeps, user: User, organisationId: string) {
  const { campaignIds, ...preview } = await organisationDeletionPreview(deps, user, organisationId);
  const { db } = deps;
  await db.batch([
    ...campaignIds.flatMap((id) => deleteRoundStatements(db, id)),
    ...(await deleteOrganisationStatements(db, organisationId)),
    // Under no organisation (it is gone): the consultant's own record of what went.
    auditInsert(
      db,
      record(deps, user.id, null, {
        action: "organisation_deleted",
        detail: { name: preview.organisation.name, removed: nonZero(preview.removes) },
      }),
    ),
  ] as unknown as Parameters<Db["batch"]>[0]);
  campaignWritten();
  return { deleted: true as const, ...preview };
}

async function accountTarget(deps: DataDeps, actor: User, userId: string) {
  const target = await findUserById(deps.db, userId);
  const links = target ? await accountLinks(deps.db, userId) : { grants: [], invitedTo: [] };
  const owns = actor.role === "consultant" ? (await accessibleOrganisations(deps.db, actor)).map((o) => o.id) : [];
  const check = accountDeletion({
    actor,
    target,
    targetGrants: links.grants,
    targetInvitedTo: links.invitedTo,
    actorOwns: owns,
  });
  if (!check.allowed) throw new ApiError(check.status, check.code, check.message);
  return { target: defined(target, "an account deletion is allowed only for an account that exists"), links };
}

/** Self-deletion reaches everywhere; a consultant reaches only their own organisations. */
const reachFor = (actor: User, target: User): AccountReach =>
  target.id === actor.id ? { everywhere: true } : { consultantId: actor.id };

export async function accountDeletionPreview(deps: DataDeps, actor: User, userId: string) {
  const { target } = await accountTarget(deps, actor, userId);
  const removes: AccountFootprint = await accountFootprint(deps.db, target.id, reachFor(actor, target));
  return { account: { id: target.id, email: target.email, role: target.role }, removes };
}

export async function deleteAccount(deps: DataDeps, actor: User, userId: string) {
  const { target, links } = await accountTarget(deps, actor, userId);
  const reach = reachFor(actor, target);
  const removes = await accountFootprint(deps.db, target.id, reach);
  const self = target.id === actor.id;
  // Written after the account's own entries lost their actor: the entry of its deletion names no one
  // but the consultant who did it (none when an account deletes itself). Under each organisation the
  // account could read, so its log shows that the manager's account went — with that organisation's
  // counts only (its grant, its entries), never what the account did elsewhere; a consultant's
  // under none, with everything.
  const entries =
    links.grants.length > 0
      ? await Promise.all(
          links.grants.map(async (organisationId) => ({
            organisationId,
            removed: await accountFootprint(deps.db, target.id, { organisationId }),
          })),
        )
      : [{ organisationId: null, removed: removes }];
  await deps.db.batch([
    ...deleteAccountStatements(deps.db, target, reach),
    ...entries.map(({ organisationId, removed }) =>
      auditInsert(
        deps.db,
        record(deps, self ? null : actor.id, organisationId, {
          action: "account_deleted",
          detail: { role: target.role, removed: nonZero(removed) },
        }),
      ),
    ),
  ] as unknown as Parameters<Db["batch"]>[0]);
  return { deleted: true as const, account: { id: target.id, role: target.role }, removes };
}

/** The organisation's retention and what it will delete when, round by round. */
export async function retentionView(deps: DataDeps, user: User, organisationId: string) {
  const organisation = await ownedOrganisation(deps.db, user, organisationId);
  const months =
    (
      await deps.db
        .select({ m: schema.organisations.retentionMonths })
        .from(schema.organisations)
        .where(eq(schema.organisations.id, organisationId))
    )[0]?.m ?? null;
  const rounds = await listCampaigns(deps.db, [organisationId]);
  const schedule = [];
  for (const c of rounds) {
    const release = await findRelease(deps.db, c.id);
    if (!release) continue;
    schedule.push({
      campaignId: c.id,
      title: c.title,
      releasedOn: release.releasedOn,
      ...(months === null ? { commentsOn: null, roundOn: null } : retentionDates(release.releasedOn, months)),
    });
  }
  return { organisationId: organisation.id, retentionMonths: months, limits: RETENTION_MONTHS, rounds: schedule };
}

export async function changeRetention(
  deps: DataDeps,
  user: User,
  organisationId: string,
  months: number | null,
  confirm: boolean,
) {
  // The view checks the organisation is the user's, and lists its released rounds.
  const view = await retentionView(deps, user, organisationId);
  // Only a change asks: the period in force deletes what is due on the next sweep anyway.
  if (!confirm && months !== view.retentionMonths) {
    const footprints = await roundFootprints(
      deps.db,
      view.rounds.map((r) => r.campaignId),
    );
    const now = retentionDeletesNow(
      view.rounds.map((r) => ({ releasedOn: r.releasedOn, comments: footprints.get(r.campaignId)?.comments ?? 0 })),
      months,
      calendarDate(deps.now()),
    );
    if (now.rounds > 0 || now.comments > 0)
      throw new ApiError(
        409,
        "retention_deletes_now",
        `This period deletes ${now.rounds} released round(s) and ${now.comments} comment(s) within a minute. Send confirm=1 to go ahead.`,
        [
          { path: "rounds", message: String(now.rounds) },
          { path: "comments", message: String(now.comments) },
        ],
      );
  }
  await setRetention(
    deps.db,
    organisationId,
    months,
    auditInsert(deps.db, record(deps, user.id, organisationId, { action: "retention_set", detail: { months } })),
  );
  return retentionView(deps, user, organisationId);
}

/**
 * The retention sweep: for every released round of an organisation with a retention period, its
 * comments once half of it has passed, the whole round at its end — each one batch with an audit
 * entry without actor. Run after releasing and reducing, on the same schedule (Node timer, Workers
 * cron, `release-due`). Skipped while this process is making a release.
 */
export async function applyRetention(
  deps: DataDeps,
  maxRounds = Infinity,
): Promise<{ comments: number; rounds: number }> {
  const done = { comments: 0, rounds: 0 };
  if (releasing()) return done;
  const today = calendarDate(deps.now());
  for (const r of await retainedReleases(deps.db)) {
    if (done.comments + done.rounds >= maxRounds) break;
    const due = retentionDue(r.releasedOn, r.months, today);
    const round = { campaignId: r.campaignId, title: r.title };
    if (due === "round") {
      const removes = await roundFootprint(deps.db, r.campaignId);
      await deps.db.batch([
        ...(await forgetInNormSets(deps.db, "campaignId", r.campaignId)),
        ...deleteRoundStatements(deps.db, r.campaignId),
        auditInsert(
          deps.db,
          record(deps, null, r.organisationId, {
            action: "retention_applied",
            detail: { ...round, stage: "round", removed: nonZero(removes) },
          }),
        ),
      ] as unknown as Parameters<Db["batch"]>[0]);
      campaignWritten();
      done.rounds++;
    } else if (due === "comments" && r.comments > 0) {
      await deps.db.batch([
        deleteCommentsStatement(deps.db, r.campaignId),
        auditInsert(
          deps.db,
          record(deps, null, r.organisationId, {
            action: "retention_applied",
            detail: { ...round, stage: "comments", removed: { comments: r.comments } },
          }),
        ),
      ] as unknown as Parameters<Db["batch"]>[0]);
      done.comments++;
    }
  }
  return done;
}

/**
 * All of an organisation's data as one JSON document: the organisation, its rounds with their
 * settings and, per release, the figures and comments exactly as the reports publish them; action
 * plans; managers (address and scope — never a password hash), pending invitations (never a
 * token), the audit log. Nothing about one respondent exists to export, and no code is included.
 * The document's shape is its schema (schemas/export.ts).
 */
export async function organisationExport(
  deps: DataDeps,
  user: User,
  organisationId: string,
): Promise<OrganisationExport> {
  const { db } = deps;
  const organisation = await ownedOrganisation(db, user, organisationId);
  const [org] = await db.select().from(schema.organisations).where(eq(schema.organisations.id, organisationId));
  const campaigns = await listCampaigns(db, [organisationId]);
  const plans = await findPlans(
    db,
    campaigns.map((c) => c.id),
  );
  const rounds: OrganisationExport["rounds"] = [];
  for (const c of campaigns) {
    const release = await findRelease(db, c.id);
    const reports: Partial<Record<Dimension, CampaignReport | null>> = {};
    if (release) {
      // Each dimension the round has units of (locations only where its departments lie in them).
      for (const dimension of DIMENSIONS.filter((d) => c.units[d]?.length)) {
        const report = await campaignReport(deps, c, { filters: {}, dimension }, user).catch((error: unknown) => {
          if (error instanceof ApiError) return null;
          throw error;
        });
        // The reports shuffle comments on every read; the archive sorts them, so two exports of the
        // same data are the same file (neither order says anything about who wrote what, or when).
        // The benchmark line is the consultant's norm set — a mean over their other clients, with its
        // breadth and date — not this organisation's data: the export leaves it out.
        const own = report && { ...report, benchmark: null };
        reports[dimension] = own?.comments ? { ...own, comments: [...own.comments].sort() } : own;
      }
    }
    const [counts] = await db
      .select({ issued: schema.campaigns.codesIssued, used: schema.campaigns.codesUsed })
      .from(schema.campaigns)
      .where(eq(schema.campaigns.id, c.id));
    rounds.push({
      id: c.id,
      title: c.title,
      status: c.status,
      createdAt: c.createdAt,
      settings: {
        instrument: { id: c.instrumentId, version: c.instrumentVersion },
        opensOn: c.opensOn,
        closesOn: c.closesOn,
        k: c.k,
        kComments: c.kComments,
        units: c.units,
        thresholds: c.thresholds,
        contact: c.contact,
        thirdGrouping: c.thirdGrouping,
        expectedHeadcount: c.expectedHeadcount,
        requireCode: c.requireCode,
      },
      // How many codes there were, never a code (only hashes are stored, and those stay out too).
      codes: counts ?? { issued: 0, used: 0 },
      release: release ? { releasedOn: release.releasedOn, respondents: release.respondents, reports } : null,
      actionPlan:
        plans.has(c.id) || (await listActions(db, c.id)).length > 0
          ? { focusLevels: plans.get(c.id) ?? [], actions: await listActions(db, c.id) }
          : null,
      summaryLink: (await findSummaryLink(db, c.id)) ? { shared: true } : null,
    });
  }
  const managers = await db
    .select({ email: schema.users.email, scope: schema.grants.scope })
    .from(schema.grants)
    .innerJoin(schema.users, eq(schema.users.id, schema.grants.userId))
    .where(eq(schema.grants.organisationId, organisationId))
    .orderBy(schema.users.email);
  const invitations = await db
    .select({
      email: schema.invitations.email,
      scope: schema.invitations.scope,
      expiresAt: schema.invitations.expiresAt,
    })
    .from(schema.invitations)
    .where(eq(schema.invitations.organisationId, organisationId))
    .orderBy(schema.invitations.email);
  const audit = await db
    .select({
      at: schema.auditLog.at,
      action: schema.auditLog.action,
      actor: sql<string>`coalesce(${schema.users.email}, ${DELETED_ACTOR})`,
      detail: schema.auditLog.detail,
    })
    .from(schema.auditLog)
    .leftJoin(schema.users, eq(schema.users.id, schema.auditLog.actorId))
    .where(eq(schema.auditLog.organisationId, organisationId))
    .orderBy(desc(schema.auditLog.at), desc(sql`${schema.auditLog}.rowid`));
  const parseScope = (s: string | null) => (s ? (JSON.parse(s) as UnitScope) : null);
  await db.batch([
    auditInsert(
      db,
      record(deps, user.id, organisationId, {
        action: "organisation_exported",
        detail: { schemaVersion: EXPORT_SCHEMA_VERSION },
      }),
    ),
  ] as unknown as Parameters<Db["batch"]>[0]);
  return {
    schema: "klantgericht.organisation-export",
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt: deps.now().toISOString(),
    organisation: {
      id: organisation.id,
      name: organisation.name,
      createdAt: org?.createdAt ?? null,
      benchmarkForManagers: organisation.benchmarkForManagers,
      retentionMonths: org?.retentionMonths ?? null,
    },
    rounds,
    managers: managers.map((m) => ({ email: m.email, scope: parseScope(m.scope) })),
    invitations: invitations.map((i) => ({
      email: i.email,
      scope: parseScope(i.scope),
      expiresAt: new Date(i.expiresAt * 1000).toISOString(),
    })),
    // Each detail is what audit() wrote for its action (domain/audit.ts AuditDetails).
    audit: audit.map(
      (a) =>
        ({
          at: a.at,
          action: a.action,
          actor: a.actor,
          detail: JSON.parse(a.detail),
        }) as OrganisationExport["audit"][number],
    ),
  };
}
