/**
 * The plan's audits behind one interface (disclosure-plan.ts chooses): the general linear-span
 * audit (disclosure-audit.ts) on the columns of cells alike, or — when the shown groups are a
 * two-way table with its margins — the exact two-way audit (two-way-audit.ts). Each says whether
 * a set of 1..k−1 respondents is computable, which occupied cells it holds, and whether hiding one
 * group would undo it. Pure.
 */
import { at } from "../lib/invariant.js";
import type { Conditions } from "./disclosure.js";
import { type AuditResult, auditSteps } from "./disclosure-audit.js";
import { inRowSpace, rowSpaceSteps } from "./linear-span.js";
import { twoWayAuditSteps, type TwoWayCell, twoWayComputable } from "./two-way-audit.js";
import { type Dimension, DIMENSIONS } from "./units.js";

/** A shown group as the audits see it: its conditions, its depth (2: a cross-table cell) and the occupied cells it holds. */
export interface AuditedGroup {
  group: { conditions: Conditions; depth: number };
  members: number[];
}

/** The plan's cross-table: its outer and inner dimension, and the dimension the outer one nests in (departments in locations). */
export type CrossTable = readonly [outer: Dimension, inner: Dimension, nestedIn: Dimension];

/**
 * The audit's columns: occupied cells that lie in exactly the same shown groups are one column —
 * every figure the reader can compute treats them alike, so a computable set holds all of them or
 * none — and each shown group is the list of its columns.
 */
export function auditColumns(
  occupied: readonly { n: number }[],
  shown: readonly { members: readonly number[] }[],
): { counts: number[]; groups: number[][]; column: number[] } {
  const signatures = occupied.map((cell) => ({ n: cell.n, groups: [] as number[] }));
  shown.forEach(({ members }, j) => {
    for (const c of members) at(signatures, c, "occupied cells").groups.push(j);
  });
  // Columns in order of first appearance, each with its respondents.
  const byKey = new Map<string, { column: number; n: number }>();
  const column = signatures.map(({ n, groups }) => {
    const key = groups.join();
    const found = byKey.get(key);
    if (found) {
      found.n += n;
      return found.column;
    }
    byKey.set(key, { column: byKey.size, n });
    return byKey.size - 1;
  });
  const counts = [...byKey.values()].map((c) => c.n);
  const groups = shown.map(({ members }) => [...new Set(members.map((c) => at(column, c, "cell columns")))]);
  return { counts, groups, column };
}

/** An audit of the shown groups: its result (a set it found, in its own indices), and whether hiding one group undoes that set. */
export interface PlanAudit<E extends AuditedGroup> {
  result(k: number): Generator<void, AuditResult>;
  undoes(found: readonly number[], victim: E): Generator<void, boolean>;
  /** The occupied cells (indices) of a set it found. */
  cells(found: readonly number[]): number[];
}

/** Any plan: the linear-span audit on the columns of cells alike (disclosure-audit.ts); a set is its column indices. */
export function generalAudit<E extends AuditedGroup>(
  occupied: readonly { n: number }[],
  shown: readonly E[],
): PlanAudit<E> {
  const { counts, groups, column } = auditColumns(occupied, shown);
  const indicator = (columnIndices: readonly number[]) => {
    const row = new Array<number>(counts.length).fill(0);
    for (const c of columnIndices) row[c] = 1;
    return row;
  };
  return {
    result: (k) => auditSteps(counts, groups, k),
    *undoes(found, victim) {
      const rest = groups.filter((_, j) => shown[j] !== victim).map(indicator);
      return !inRowSpace(yield* rowSpaceSteps(rest, counts.length), indicator(found));
    },
    cells(found) {
      const columns = new Set(found);
      return column.flatMap((c, i) => (columns.has(c) ? [i] : []));
    },
  };
}

/**
 * Whether the shown groups are the two-way case of two-way-audit.ts: the round, the units of the
 * cross-table's two dimensions (and of the one its outer dimension nests in) and its cells,
 * nothing of a third.
 */
export function twoWay(shown: readonly AuditedGroup[], cross: CrossTable): boolean {
  return shown.every(({ group }) => DIMENSIONS.every((d) => group.conditions[d] === undefined || cross.includes(d)));
}

/** The two-way case: exact and fast (two-way-audit.ts); a set is the indices of its occupied cells. */
export function twoWayAudit<E extends AuditedGroup>(
  occupied: readonly { n: number }[],
  shown: readonly E[],
  [outer, inner, nestedIn]: CrossTable,
  proven: Set<number>,
): PlanAudit<E> {
  const cellsOf = (groups: readonly E[]): TwoWayCell[] => {
    const cells = occupied.map(({ n }): TwoWayCell => ({ department: null, role: null, cross: null, n }));
    groups.forEach(({ group: { conditions, depth }, members }, j) => {
      for (const c of members) {
        const cell = at(cells, c, "occupied cells");
        if (depth === 2) cell.cross = j;
        else if (conditions[outer] !== undefined) cell.department = j;
        else if (conditions[nestedIn] !== undefined) cell.location = j;
        else if (conditions[inner] !== undefined) cell.role = j;
      }
    });
    return cells;
  };
  const cells = cellsOf(shown);
  return {
    result: (k) => twoWayAuditSteps(cells, k, proven),
    // eslint-disable-next-line require-yield -- a union-find, quick enough to need no turn
    *undoes(found, victim) {
      return !twoWayComputable(cellsOf(shown.filter((e) => e !== victim)), new Set(found));
    },
    cells: (found) => [...found],
  };
}
