/**
 * A release's disclosure plan: the complete list of groups whose figures may be shown, made once
 * per release from its cells and audited before it is stored. Every figure anyone can read of the
 * release — report, heatmap row, filter, CSV row, management gap, comments — is a figure of a
 * published group of the plan; a filter is choosing one of them.
 *
 * The groups are a few fixed tables: the round; each dimension's units (locations too, where the
 * departments lie in them: each a sum of departments); and the cross-table of department × role,
 * the breakdown managers ask for. Rounds on an open link (anyone can answer
 * as often as they like, so k counts nobody for certain) publish the round as a whole only.
 *
 * Making it: primary suppression (fewer than k, or a small difference to a parent) and the
 * heatmap's secondary suppression hide the obvious; then the audit looks for any set of 1..k−1
 * respondents computable from what is left, and the plan hides one more group — the smallest
 * published one touching that set, finer tables first — until the audit finds none. The audit is
 * the general one (disclosure-audit.ts), or, once no third-grouping group is shown, the exact and
 * fast two-way one (two-way-audit.ts). A table the general audit cannot prove within its budget is
 * given up whole; one given up before a coarser one is tried again once that one is gone too.
 */
import { at } from "../lib/invariant.js";
import { allSteps } from "../lib/steps.js";
import {
  type CellKey,
  type Conditions,
  type CountedCell,
  groupSize,
  heatmapUnits,
  memberIndex,
  type SizedCells,
  sizedCells,
} from "./disclosure.js";
import { type AuditedGroup, type CrossTable, generalAudit, twoWay, twoWayAudit } from "./plan-audit.js";
import { type AskedDimension, type CampaignUnits, type Dimension, DIMENSIONS } from "./units.js";

/** The only cross-table: a department's roles, or a role across departments; departments nest in locations. */
const CROSS_TABLE: CrossTable = ["department", "role", "location"];

/** The one dimension whose units may show their own comments: lists that partition the round never overlap. */
export const COMMENT_DIMENSION: AskedDimension = "department";

export type GroupKey = string;

/** A group's conditions as one string, in the dimensions' order; "" is the whole round. */
export function groupKey(conditions: Conditions): GroupKey {
  return DIMENSIONS.flatMap((d) => {
    const value = conditions[d];
    return value === undefined ? [] : [`${d}=${encodeURIComponent(value)}`];
  }).join("&");
}

interface PlanGroup {
  key: GroupKey;
  conditions: Conditions;
  /** Respondents; null when hidden — a hidden group tells nothing, not even its size. */
  n: number | null;
  shown: boolean;
}

export interface DisclosurePlan {
  k: number;
  kComments: number;
  /** False for rounds whose respondents nobody vouches for (open links): the round as a whole only. */
  breakdowns: boolean;
  groups: PlanGroup[];
  /** The groups whose comments may be shown: the round and single departments, each with kComments or more. */
  comments: GroupKey[];
  /**
   * Tables the audit could not prove safe within its budget, given up whole (finest first): a report
   * names them. Absent in plans made before.
   */
  withheld?: PlanTable[];
}

export interface PlanOptions {
  k: number;
  kComments: number;
  breakdowns: boolean;
  /**
   * The counts of a running round: its units only (no department × role table), and an empty unit
   * hidden like a small one, so that "nobody yet" reads like "a few" and the next answer changes
   * nothing shown.
   */
  live?: boolean;
  /**
   * Groups whose counts are public already and cannot be taken back (what the live counts of the
   * round showed): audited with the plan's own, never hidden by it.
   */
  fixed?: readonly Conditions[];
}

interface Candidate {
  conditions: Conditions;
  n: number;
  shown: boolean;
  /** 0 the round, 1 a unit, 2 a cross-table cell: finer tables give way first. */
  depth: number;
}

export function buildPlan(given: readonly CountedCell[], units: CampaignUnits, options: PlanOptions): DisclosurePlan {
  return allSteps(planSteps(given, units, options));
}

/**
 * buildPlan a step at a time: it yields after making the candidates and after each audit, so a
 * release can let other requests in between (each audit is bounded by its budget; a large round's
 * plan is several of them).
 */
export function* planSteps(
  given: readonly CountedCell[],
  units: CampaignUnits,
  options: PlanOptions,
): Generator<void, DisclosurePlan> {
  const { k, kComments } = options;
  // Every group size below is a lookup (disclosure.ts sizedCells).
  const cells = sizedCells(given);
  const total = groupSize(cells, {});
  const round: Candidate = { conditions: {}, n: total, shown: total >= k, depth: 0 };
  const candidates = [round];
  const breakdowns = options.breakdowns && total >= k;
  let withheld: PlanTable[] = [];
  if (breakdowns) {
    candidates.push(...unitCandidates(cells, units, k, options.live === true));
    if (!options.live) candidates.push(...crossCandidates(cells, units, k));
    yield;
    withheld = yield* suppressUntilSafe(given, candidates, k, options.fixed ?? []);
  }
  const groups = candidates.map(({ conditions, n, shown }) => ({
    key: groupKey(conditions),
    conditions,
    n: shown ? n : null,
    shown,
  }));
  return {
    k,
    kComments,
    breakdowns,
    groups,
    comments: round.shown ? commentGroups(cells, units, groups, total, kComments, breakdowns) : [],
    ...(withheld.length > 0 ? { withheld } : {}),
  };
}

function unitCandidates(cells: SizedCells, units: CampaignUnits, k: number, emptyIsSmall: boolean): Candidate[] {
  return DIMENSIONS.flatMap((d) =>
    heatmapUnits(cells, d, units[d] ?? [], {}, k, emptyIsSmall).map((u) => ({
      conditions: { [d]: u.value },
      n: u.n,
      shown: !u.suppressed && u.n > 0,
      depth: 1,
    })),
  );
}

function crossCandidates(cells: SizedCells, units: CampaignUnits, k: number): Candidate[] {
  const [outer, inner] = CROSS_TABLE;
  const outerUnits = units[outer] ?? [];
  const innerUnits = units[inner] ?? [];
  if (outerUnits.length === 0 || innerUnits.length === 0) return [];
  const outerShown = new Set(
    heatmapUnits(cells, outer, outerUnits, {}, k)
      .filter((u) => !u.suppressed && u.n > 0)
      .map((u) => u.value),
  );
  return outerUnits.flatMap((o) =>
    heatmapUnits(cells, inner, innerUnits, { [outer]: o.value }, k).map((u) => ({
      conditions: { [outer]: o.value, [inner]: u.value },
      n: u.n,
      shown: outerShown.has(o.value) && !u.suppressed && u.n > 0,
      depth: 2,
    })),
  );
}

/** How many of the preferred groups are tried, each alone, for one that undoes a computable set. */
const VICTIMS_TRIED = 8;

/**
 * When the audit cannot decide within its budget, whole tables go, finest first: the cross-table,
 * then tenure, role, department. Once tenure is gone the two-way audit decides the rest, so a
 * cross-table given up before it is tried again (worthRetrying): a hospital keeps its department × role cells.
 */
const TABLES_GIVEN_UP: readonly { table: PlanTable; inTable: (c: Candidate) => boolean }[] = [
  { table: "department_role", inTable: (c) => c.depth === 2 },
  { table: "tenure", inTable: (c) => c.conditions.tenure !== undefined },
];

/** The tables a plan may name as given up whole, finest first (plans made before the two-way audit also gave up roles and departments). */
export const PLAN_TABLES = ["department_role", "tenure", "role", "department"] as const;
type PlanTable = (typeof PLAN_TABLES)[number];

/** A table given up whole: the groups it hid, and the tables already given up then. */
interface GivenUp {
  table: PlanTable;
  groups: Candidate[];
  alongside: ReadonlySet<PlanTable>;
}

/**
 * A table given up before coarser ones may be provable once they are gone too (a hospital's
 * department × role table, once its tenure bands are withheld): the first such table, finest
 * first, tried again once. Not one given up alongside the same tables as now: that audit failed.
 */
function worthRetrying(withheld: readonly GivenUp[], retried: ReadonlySet<PlanTable>): GivenUp | undefined {
  return withheld.find(
    (w) => !retried.has(w.table) && withheld.some((other) => other !== w && !w.alongside.has(other.table)),
  );
}

/**
 * Hides one more group at a time until no set of 1..k−1 respondents can be computed from the
 * shown ones. The group hidden is the first of victimTrials whose hiding alone makes the set found
 * no longer computable; when none does, the first in victimOrder. When the general audit cannot
 * decide within its budget (a large round with many small cells), the finest table still shown goes
 * as a whole; once no tenure group is shown the two-way audit decides, and never runs out.
 */
function* suppressUntilSafe(
  cells: readonly CountedCell[],
  candidates: Candidate[],
  k: number,
  fixed: readonly Conditions[],
): Generator<void, PlanTable[]> {
  const withheld: GivenUp[] = [];
  const retried = new Set<PlanTable>();
  // Occupied cells the two-way audit proved no small set passes through, while the plan only hides more.
  const proven = new Set<number>();
  const occupied = cells.filter((c) => c.n > 0);
  // Each candidate with the indices of the occupied cells it holds, found by value (a cross-table
  // cell looks through its department's cells only, not all of them).
  const membersOf = memberIndex(occupied.map((c, i) => ({ ...c, i })));
  const entryOf = (group: Candidate) => ({ group, members: membersOf(group.conditions).map((c) => c.i) });
  const entries = candidates.map(entryOf);
  // Public already: read with the plan's groups, never hidden (nor their copies among the plan's, which would hide nothing).
  const fixedKeys = new Set(fixed.map(groupKey));
  const fixedEntries = fixed.map((conditions) =>
    entryOf({ conditions, n: 0, shown: true, depth: Object.keys(conditions).length }),
  );
  const hideable = (e: Entry) => e.group.depth > 0 && !fixedKeys.has(groupKey(e.group.conditions));
  for (;;) {
    const planShown = entries.filter((e) => e.group.shown);
    const shown = [...planShown, ...fixedEntries];
    const audit = twoWay(shown, CROSS_TABLE)
      ? twoWayAudit(occupied, shown, CROSS_TABLE, proven)
      : generalAudit(occupied, shown);
    const result = yield* audit.result(k);
    yield;
    if (result.safe) {
      const retry = worthRetrying(withheld, retried);
      if (!retry) return withheld.map((w) => w.table);
      retried.add(retry.table);
      withheld.splice(withheld.indexOf(retry), 1);
      for (const group of retry.groups) group.shown = true;
      proven.clear(); // the reader has rows again: what was proven may not hold
      continue;
    }
    if (result.cells === null) {
      const table = TABLES_GIVEN_UP.map(({ table, inTable }) => ({
        table,
        groups: planShown.filter((e) => hideable(e) && inTable(e.group)).map((e) => e.group),
      })).find((t) => t.groups.length > 0);
      if (table) {
        for (const group of table.groups) group.shown = false;
        withheld.push({ ...table, alongside: new Set(withheld.map((w) => w.table)) });
        continue;
      }
    }
    const order = victimOrder(
      planShown.filter(hideable),
      result.cells ? audit.cells(result.cells).map((c) => at(occupied, c, "occupied cells")) : [],
    );
    // The round alone always passes (it is shown only with k or more), and the fixed groups were
    // proven with it, so an unsafe plan has more of its own.
    const [first] = order;
    if (!first) throw new Error("disclosure plan: the round and its fixed groups failed their audit");
    let victim = first;
    if (result.cells)
      for (const candidate of victimTrials(order))
        if (yield* audit.undoes(result.cells, candidate)) {
          victim = candidate;
          break;
        }
    victim.group.shown = false;
  }
}

/**
 * The groups to hide (of those the plan may hide), in order of preference: those of the set's own
 * units first (a department's cells, the department, its roles …), finer tables first, then
 * smaller groups; then all others.
 * Trying the globally smallest groups instead hid a whole department × role table, one cell at a
 * time, for one respondent outside the unit lists whose department showed every other cell.
 */
function victimOrder(shown: readonly Entry[], near: readonly CellKey[]): Entry[] {
  const touches = new Map(
    shown.map(({ group }) => [
      group,
      DIMENSIONS.some((d) => group.conditions[d] !== undefined && near.some((c) => c[d] === group.conditions[d])),
    ]),
  );
  const preference = (a: Entry, b: Entry) =>
    Number(touches.get(b.group)) - Number(touches.get(a.group)) ||
    b.group.depth - a.group.depth ||
    a.group.n - b.group.n;
  return [...shown].sort(preference);
}

/**
 * The groups tried, each alone, for one that undoes the set found: the first VICTIMS_TRIED in order
 * of preference, then the smallest unit of each dimension — a set the round minus all of a
 * dimension's units computes (respondents outside its unit list) is undone by no group near it.
 */
function victimTrials(order: readonly Entry[]): Entry[] {
  const tried = order.slice(0, VICTIMS_TRIED);
  for (const d of DIMENSIONS) {
    const smallest = order
      .filter(({ group }) => group.depth === 1 && group.conditions[d] !== undefined)
      .reduce<Entry | null>((a, b) => (a && a.group.n <= b.group.n ? a : b), null);
    if (smallest && !tried.includes(smallest)) tried.push(smallest);
  }
  return tried;
}

/** A shown group with the indices of the occupied cells it holds. */
interface Entry extends AuditedGroup {
  group: Candidate;
}

/**
 * Comments are lists, not sums: the round's list minus the shown departments' lists is the hidden
 * departments' comments, so those together must be none or at least kComments respondents. For a
 * round the plan shows.
 */
function commentGroups(
  cells: SizedCells,
  units: CampaignUnits,
  groups: readonly PlanGroup[],
  total: number,
  kComments: number,
  breakdowns: boolean,
): GroupKey[] {
  if (total < kComments) return [];
  if (!breakdowns) return [groupKey({})];
  const shownInPlan = new Set(groups.filter((g) => g.shown).map((g) => g.key));
  const listed = heatmapUnits(cells, COMMENT_DIMENSION, units[COMMENT_DIMENSION] ?? [], {}, kComments)
    .filter((u) => !u.suppressed && u.n >= kComments && shownInPlan.has(groupKey({ [COMMENT_DIMENSION]: u.value })))
    .sort((a, b) => a.n - b.n);
  const rest = () => total - listed.reduce((n, u) => n + u.n, 0);
  while (listed.length > 0 && rest() > 0 && rest() < kComments) listed.shift();
  return [groupKey({}), ...listed.map((u) => groupKey({ [COMMENT_DIMENSION]: u.value }))];
}

export type PlanRefusal = "too_small" | "hidden_unit" | "not_offered" | "campaign_level_only";

/**
 * What a report under `filters`, broken down by `dimension`, may show: the plan groups it reads. A
 * location broken down by department reads its departments' own groups.
 */
export interface PlanView {
  group: GroupKey;
  /** Per unit of the dimension (in the units' order; a location's departments only): its group, or null where hidden; null when the plan has no such table. */
  rows: { value: string; key: GroupKey | null }[] | null;
  /** The management role within the filters, when that group is shown. */
  management: GroupKey | null;
  comments: boolean;
}

const MANAGEMENT_ROLE = "management";

export function planView(
  plan: DisclosurePlan,
  units: CampaignUnits,
  filters: Conditions,
  dimension?: Dimension,
): { ok: true; view: PlanView } | { ok: false; reason: PlanRefusal } {
  const byKey = new Map(plan.groups.map((g) => [g.key, g]));
  const key = groupKey(filters);
  const group = byKey.get(key);
  if (!group) return { ok: false, reason: plan.breakdowns ? "not_offered" : "campaign_level_only" };
  if (!group.shown) return { ok: false, reason: key === "" ? "too_small" : "hidden_unit" };
  const shownKey = (conditions: Conditions) => {
    const g = byKey.get(groupKey(conditions));
    return g?.shown ? g.key : null;
  };
  let rows: PlanView["rows"] = null;
  const [outer, , nestedIn] = CROSS_TABLE;
  const location = filters[nestedIn];
  if (dimension === outer && location !== undefined && Object.keys(filters).length === 1) {
    // A location's departments: each is its own group (a department lies in one location).
    rows = (units[outer] ?? [])
      .filter((u) => u.location === location)
      .map((u) => ({ value: u.value, key: shownKey({ [outer]: u.value }) }));
  } else if (dimension && filters[dimension] === undefined) {
    const list = units[dimension] ?? [];
    const offered = list.some((u) => byKey.has(groupKey({ ...filters, [dimension]: u.value })));
    if (offered) rows = list.map((u) => ({ value: u.value, key: shownKey({ ...filters, [dimension]: u.value }) }));
  }
  const management = filters.role === undefined ? shownKey({ ...filters, role: MANAGEMENT_ROLE }) : null;
  return { ok: true, view: { group: key, rows, management, comments: plan.comments.includes(key) } };
}
