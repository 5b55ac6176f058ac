/**
 * After the results (pure): a released round's action plan — the levels management chooses to
 * work on and the actions at each — who may change it, what a plan starts from, which earlier
 * plan a later round is read against, and what the staff summary of a round publishes.
 *
 * A plan holds staff's own words about staff's own work: an action's owner is a role or the name
 * of whoever is responsible, never a respondent. Nothing in it is computed from answers, so it
 * adds nothing to what the release's disclosure plan publishes.
 */
import { type LevelId, LEVELS } from "./levels.js";
import type { UnitScope } from "./links.js";
import type { TrendLabel } from "./trends.js";

export const ACTION_STATUSES = ["planned", "in_progress", "done"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** A plan is a short list people act on, not a backlog. */
export const MAX_ACTIONS = 40;
export const MAX_TITLE = 200;
export const MAX_OWNER = 120;

export interface PlanAction {
  id: string;
  level: LevelId;
  title: string;
  /** A role or name of the staff member responsible. */
  owner: string;
  /** YYYY-MM-DD, or null when no date is set. */
  dueOn: string | null;
  status: ActionStatus;
}

/**
 * Who may change a plan: the organisation's consultant and its unscoped managers. A manager
 * scoped to departments reads it (the plan is about the whole organisation, which their scope
 * does not cover) but does not set it.
 */
export function mayEditPlan(role: "consultant" | "manager", scope: UnitScope | null): boolean {
  return role === "consultant" || scope === null;
}

/** Focus levels as stored: each once, top-down (the order the method reads them in). */
export function orderedFocus(levels: readonly LevelId[]): LevelId[] {
  const chosen = new Set(levels);
  return LEVELS.flatMap((l) => (chosen.has(l.id) ? [l.id] : []));
}

/**
 * The focus levels a plan shows: the stored ones once it was saved (even none), else the release's
 * start-here level preselected — the place the diagnosis says change has to start.
 */
export function focusOf(stored: readonly LevelId[] | null, startHere: LevelId | null): LevelId[] {
  if (stored !== null) return orderedFocus(stored);
  return startHere ? [startHere] : [];
}

/** A round placed in time, as the trends place it (roundDate), with whether it has a plan of its own. */
export interface PlacedRound {
  campaignId: string;
  date: string;
  createdAt: string;
  hasPlan: boolean;
}

const placedOrder = (a: PlacedRound, b: PlacedRound) =>
  a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt);

/**
 * The plan a round is read against: the latest earlier round of the organisation that has one. Its
 * actions were meant to move the levels this round measures again.
 */
export function previousPlanRound(rounds: readonly PlacedRound[], currentId: string): string | null {
  const current = rounds.find((r) => r.campaignId === currentId);
  if (!current) return null;
  const earlier = rounds
    .filter((r) => r.campaignId !== currentId && r.hasPlan && placedOrder(r, current) < 0)
    .sort(placedOrder);
  return earlier.at(-1)?.campaignId ?? null;
}

/** What the trend says of one level between the earlier round and this one. */
export interface LevelMove {
  level: LevelId;
  /** The earlier round's score and this round's, 0–100; null where a round does not have the level. */
  before: number | null;
  after: number | null;
  /** The trend's step between the two rounds when they are consecutive in it, else null (no test was made between them). */
  change: number | null;
  label: TrendLabel | null;
}

/** The trend of one level as services/trends.ts gives it: each round's point, and the steps between consecutive rounds. */
export interface LevelTrendInput {
  level: LevelId;
  points: readonly { campaignId: string; score: number }[];
  steps: readonly { from: string; to: string; change: number | null; label: TrendLabel }[];
}

/**
 * The earlier plan's levels — its focus levels and the levels of its actions — beside the trend of
 * each from that round to this one, top-down.
 */
export function movesSince(
  levels: readonly LevelId[],
  trends: readonly LevelTrendInput[],
  fromId: string,
  toId: string,
): LevelMove[] {
  return orderedFocus(levels).map((level) => {
    const trend = trends.find((t) => t.level === level);
    const score = (id: string) => trend?.points.find((p) => p.campaignId === id)?.score ?? null;
    const step = trend?.steps.find((s) => s.from === fromId && s.to === toId);
    return {
      level,
      before: score(fromId),
      after: score(toId),
      change: step?.change ?? null,
      label: step?.label ?? null,
    };
  });
}

/** A change to an action: only the fields given change. */
export type ActionChange = Partial<Omit<PlanAction, "id">>;

/** The names of the fields a change really changes, for the audit log (what changed, not its text). */
export function changedFields(before: PlanAction, change: ActionChange): (keyof ActionChange)[] {
  return (Object.keys(change) as (keyof ActionChange)[]).filter(
    (key) => change[key] !== undefined && change[key] !== before[key],
  );
}

/** A real calendar date as YYYY-MM-DD (not 2026-02-30), within the years a plan can mean. */
export function isDueDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 2000 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
