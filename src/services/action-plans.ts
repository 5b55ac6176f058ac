/**
 * A released round's action plan: reading it (with the earlier round's plan beside this round's
 * trend), choosing its focus levels and adding, changing and removing actions. Only released rounds
 * have a plan (409 results_not_released otherwise); consultants and unscoped managers change it,
 * managers scoped to departments read it (403 on a change). Every change is one batch with its
 * audit entry, written only when the change happens.
 */
import {
  type ActionChange,
  changedFields,
  focusOf,
  MAX_ACTIONS,
  mayEditPlan,
  movesSince,
  orderedFocus,
  type PlanAction,
  previousPlanRound,
} from "../domain/action-plan.js";
import { type AuditEvent, auditMinute } from "../domain/audit.js";
import { type Campaign, roundDate } from "../domain/campaign.js";
import type { LevelId } from "../domain/levels.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { ApiError, notFound } from "../lib/api-error.js";
import { defined } from "../lib/invariant.js";
import { randomId } from "../lib/random.js";
import type { ActionPlanView } from "../schemas/plan.js";
import type { User } from "../storage/accounts.js";
import {
  actionExists,
  campaignsWithPlans,
  deleteActionStatement,
  findAction,
  findPlans,
  findSummaryLink,
  insertActionStatement,
  listActions,
  roomForAction,
  saveFocusStatement,
  updateActionStatement,
} from "../storage/action-plans.js";
import { auditInsert, auditInsertWhere } from "../storage/audit.js";
import { findCampaignById, listCampaigns } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { readerScope } from "./access.js";
import { auditRecord } from "./audit.js";
import { notReleased, releaseOf } from "./release.js";
import { roundReport } from "./round-report.js";
import { organisationTrends } from "./trends.js";

export interface PlanDeps {
  db: Db;
  instruments: InstrumentRegistry;
  now: () => Date;
}

/** The focus levels and actions of a round's plan: stored focus, or the start-here level while none was saved. */
export async function planContent(
  db: Db,
  campaignId: string,
  startHere: LevelId | null,
): Promise<{ saved: boolean; focusLevels: LevelId[]; actions: PlanAction[] }> {
  const [plans, actions] = await Promise.all([findPlans(db, [campaignId]), listActions(db, campaignId)]);
  const stored = plans.get(campaignId) ?? null;
  return { saved: stored !== null, focusLevels: focusOf(stored, startHere), actions };
}

/** The shape is the route's schema (routes/plan-schemas.ts); the pages import it from here. */
export type { ActionPlanView };

/** The released round's plan; 409 while the round runs. */
async function releasedRound(deps: PlanDeps, campaign: Campaign): Promise<void> {
  if (!(await releaseOf(deps, campaign, deps.now()))) throw notReleased(campaign);
}

async function mayEdit(db: Db, user: User, campaign: Campaign): Promise<boolean> {
  return mayEditPlan(user.role, await readerScope(db, user, campaign.organisationId));
}

/** Refuses a reader who may not change the plan (or its summary link); checked before anything else is looked at. */
export async function assertPlanEditor(db: Db, user: User, campaign: Campaign): Promise<void> {
  if (!(await mayEdit(db, user, campaign))) {
    throw new ApiError(
      403,
      "forbidden",
      "Managers given access to some departments read the action plan; the consultant or a manager of the whole organisation changes it.",
    );
  }
}

export async function actionPlan(deps: PlanDeps, campaign: Campaign, user: User): Promise<ActionPlanView> {
  const { db } = deps;
  await releasedRound(deps, campaign);
  const report = await roundReport(deps, campaign);
  const startHere = report?.startHere?.level ?? null;
  const [content, editable, link, previous] = await Promise.all([
    planContent(db, campaign.id, startHere),
    mayEdit(db, user, campaign),
    findSummaryLink(db, campaign.id),
    previousPlan(deps, campaign),
  ]);
  return {
    campaign: { id: campaign.id, title: campaign.title },
    editable,
    startHere,
    ...content,
    maxActions: MAX_ACTIONS,
    previous,
    summaryLink: link ?? null,
  };
}

async function previousPlan(deps: PlanDeps, campaign: Campaign): Promise<ActionPlanView["previous"]> {
  const { db, instruments } = deps;
  const rounds = await listCampaigns(db, [campaign.organisationId]);
  const withPlans = await campaignsWithPlans(
    db,
    rounds.map((r) => r.id),
  );
  const previousId = previousPlanRound(
    rounds.map((r) => ({ campaignId: r.id, date: roundDate(r), createdAt: r.createdAt, hasPlan: withPlans.has(r.id) })),
    campaign.id,
  );
  if (!previousId) return null;
  const earlier = defined(
    await findCampaignById(db, previousId),
    "the previous plan round is one of the rounds listed",
  );
  const { focusLevels, actions } = await planContent(db, previousId, null);
  const trends = await organisationTrends(db, instruments, campaign.organisationId);
  const levels = [...focusLevels, ...actions.map((a) => a.level)];
  return {
    campaignId: earlier.id,
    title: earlier.title,
    focusLevels,
    actions,
    moves: movesSince(levels, trends.levels, earlier.id, campaign.id),
  };
}

const roundRef = (campaign: Campaign) => ({ campaignId: campaign.id, title: campaign.title });

export async function setFocus(
  deps: PlanDeps,
  campaign: Campaign,
  user: User,
  levels: readonly LevelId[],
): Promise<ActionPlanView> {
  const { db, now } = deps;
  await assertPlanEditor(db, user, campaign);
  await releasedRound(deps, campaign);
  const focus = orderedFocus(levels);
  const event: AuditEvent = { action: "plan_focus_set", detail: { ...roundRef(campaign), levels: focus } };
  await db.batch([
    saveFocusStatement(db, campaign.id, focus, auditMinute(now())),
    auditInsert(db, auditRecord(deps, user.id, campaign.organisationId, event)),
  ]);
  return actionPlan(deps, campaign, user);
}

export type NewAction = Omit<PlanAction, "id" | "status" | "dueOn"> & Partial<Pick<PlanAction, "status" | "dueOn">>;

export async function addAction(deps: PlanDeps, campaign: Campaign, user: User, input: NewAction): Promise<PlanAction> {
  const { db, now } = deps;
  await assertPlanEditor(db, user, campaign);
  await releasedRound(deps, campaign);
  const action: PlanAction = {
    id: randomId(),
    level: input.level,
    title: input.title,
    owner: input.owner,
    dueOn: input.dueOn ?? null,
    status: input.status ?? "planned",
  };
  const event: AuditEvent = {
    action: "plan_action_added",
    detail: { ...roundRef(campaign), actionId: action.id, action: action.title },
  };
  // The entry is written under the same condition as the action: both, or neither when the plan is full.
  await db.batch([
    auditInsertWhere(
      db,
      auditRecord(deps, user.id, campaign.organisationId, event),
      roomForAction(campaign.id, MAX_ACTIONS),
    ),
    insertActionStatement(db, campaign.id, action, auditMinute(now()), MAX_ACTIONS),
  ]);
  const stored = await findAction(db, campaign.id, action.id);
  if (!stored)
    throw new ApiError(
      409,
      "too_many_actions",
      `A plan holds at most ${MAX_ACTIONS} actions: finish or remove one first.`,
      [{ path: "actions", message: `at most ${MAX_ACTIONS}` }],
    );
  return stored;
}

const unknownAction = () => notFound("Action");

export async function changeAction(
  deps: PlanDeps,
  campaign: Campaign,
  user: User,
  actionId: string,
  change: ActionChange,
): Promise<PlanAction> {
  const { db, now } = deps;
  await assertPlanEditor(db, user, campaign);
  await releasedRound(deps, campaign);
  const before = await findAction(db, campaign.id, actionId);
  if (!before) throw unknownAction();
  const fields = changedFields(before, change);
  // A change that changes nothing writes nothing and is no entry.
  if (fields.length === 0) return before;
  const event: AuditEvent = {
    action: "plan_action_changed",
    detail: { ...roundRef(campaign), actionId, action: change.title ?? before.title, fields },
  };
  await db.batch([
    auditInsertWhere(
      db,
      auditRecord(deps, user.id, campaign.organisationId, event),
      actionExists(campaign.id, actionId),
    ),
    updateActionStatement(
      db,
      campaign.id,
      actionId,
      Object.fromEntries(fields.map((f) => [f, change[f]])),
      auditMinute(now()),
    ),
  ]);
  const after = await findAction(db, campaign.id, actionId);
  if (!after) throw unknownAction();
  return after;
}

export async function removeAction(deps: PlanDeps, campaign: Campaign, user: User, actionId: string): Promise<void> {
  const { db } = deps;
  await assertPlanEditor(db, user, campaign);
  await releasedRound(deps, campaign);
  const before = await findAction(db, campaign.id, actionId);
  if (!before) throw unknownAction();
  const event: AuditEvent = {
    action: "plan_action_removed",
    detail: { ...roundRef(campaign), actionId, action: before.title },
  };
  await db.batch([
    auditInsertWhere(
      db,
      auditRecord(deps, user.id, campaign.organisationId, event),
      actionExists(campaign.id, actionId),
    ),
    deleteActionStatement(db, campaign.id, actionId),
  ]);
}
