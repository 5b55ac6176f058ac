/**
 * The disclosure audit (disclosure-audit.ts) for the plan's two-way case, exact and fast: the
 * shown groups are the round, departments, roles and department × role cells, and no third
 * grouping. The general audit enumerates sums of echelon rows and gives up past its budget; in a
 * hospital's 150 × 12 table it always did, and the plan withheld the whole department × role table.
 *
 * Why a cut finds every computable set here. A reader combines the shown rows with coefficients:
 * c for the round, a_d for a shown department, b_r for a shown role, any value for a shown cell
 * (which therefore never limits a set, and has k or more). A hidden cell (d, r) gets c + a_d + b_r,
 * with a_d = 0 for a hidden department and b_r = 0 for a hidden role. Give each department node
 * the potential p = a_d (hidden departments share one node at 0) and each role node p = −(b_r + c)
 * (hidden roles share one at −c): a hidden cell gets p_dep − p_role, and the set it computes is the
 * cells where that is 1, all others 0. Thresholding the potentials splits any such set into sets of
 * the same kind with potentials 0 and 1 only: a set X of nodes, no hidden cell from a department
 * outside X to a role inside X, and the computed set is the hidden cells from departments in X to
 * roles outside X. The smallest such set through a given cell is a minimum cut (cell: capacity n
 * from department to role, unbounded back), so a small max-flow per pair of nodes decides it —
 * each stopped at k, because only a set of fewer than k matters — and most pairs are proven through
 * one hub node instead (λ(u, w) ≥ min(λ(u, hub), λ(hub, w))): about two flows per node.
 *
 * Departments nested in locations (a shown location adds e_L to its departments' cells) change
 * only the hidden departments' node: those of a shown location share a node of potential e_L, the
 * rest the node at 0 — the same graph with a few more department nodes.
 */
import { at } from "../lib/invariant.js";
import type { AuditResult } from "./disclosure-audit.js";

/** An occupied cell as the two-way audit sees it: its shown department and role (indices), or null where hidden. */
export interface TwoWayCell {
  department: number | null;
  role: number | null;
  /** Its shown department × role cell (an index), or null where hidden: a shown cell limits nothing. */
  cross: number | null;
  /** Its department's shown location (an index), where departments nest in locations; null or absent where hidden or none. */
  location?: number | null | undefined;
  n: number;
}

/** Arcs the max-flows look at between two yields: a few milliseconds. */
const WORK_PER_STEP = 200_000;

/**
 * The hidden cells as edges between department nodes and role nodes (both numbered in one range),
 * and the number of nodes. The hidden departments of a shown location share one node, whose
 * potential is the location's coefficient (a shown department's absorbs it); all other hidden
 * departments share the node at 0.
 */
function graphOf(cells: readonly TwoWayCell[]): {
  edges: { from: number; to: number; n: number; cell: number }[];
  size: number;
} {
  let departments = 0;
  let locations = 0;
  let roles = 0;
  for (const c of cells) {
    if (c.department !== null) departments = Math.max(departments, c.department + 1);
    if (c.location != null) locations = Math.max(locations, c.location + 1);
    if (c.role !== null) roles = Math.max(roles, c.role + 1);
  }
  const hiddenDepartment = (location: number | null | undefined) => departments + (location == null ? 0 : location + 1);
  const roleNode = (role: number | null) => departments + locations + 1 + (role === null ? 0 : role + 1);
  const edges = cells.flatMap((c, cell) =>
    c.cross !== null
      ? []
      : [{ from: c.department ?? hiddenDepartment(c.location), to: roleNode(c.role), n: c.n, cell }],
  );
  return { edges, size: departments + locations + 2 + roles };
}

/**
 * A union-find over nodes that keeps each node's potential relative to its class's root. `join`
 * asks p(a) − p(b) = difference and says whether that agrees with what the class already holds.
 */
function potentials(size: number): {
  find(x: number): { root: number; p: number };
  join(a: number, b: number, difference: number): boolean;
} {
  const parent = Array.from({ length: size }, (_, i) => i);
  const offset = new Array<number>(size).fill(0); // p(node) − p(parent)
  const find = (x: number): { root: number; p: number } => {
    const up = at(parent, x);
    if (up === x) return { root: x, p: 0 };
    const above = find(up);
    parent[x] = above.root; // path compression, the offset carried along
    offset[x] = at(offset, x) + above.p;
    return { root: above.root, p: at(offset, x) };
  };
  return {
    find,
    join(a, b, difference) {
      const [x, y] = [find(a), find(b)];
      if (x.root === y.root) return x.p - y.p === difference;
      parent[x.root] = y.root;
      offset[x.root] = difference + y.p - x.p;
      return true;
    },
  };
}

/**
 * Whether some set of 1..k−1 respondents can be computed; the cells of one when it can. `proven`
 * holds cells no small set can pass through: they are skipped, and the cells this audit proves are
 * added. Hiding a group only takes rows from the reader, so a proof holds while the plan hides more.
 */
export function* twoWayAuditSteps(
  cells: readonly TwoWayCell[],
  k: number,
  proven: Set<number> = new Set(),
): Generator<void, AuditResult> {
  // A shown cell of fewer than k is itself such a set (the plan never shows one; the audit still says so).
  const shownCells = new Map<number, { n: number; cells: number[] }>();
  cells.forEach((c, i) => {
    if (c.cross === null) return;
    const shown = shownCells.get(c.cross) ?? { n: 0, cells: [] };
    shown.n += c.n;
    shown.cells.push(i);
    shownCells.set(c.cross, shown);
  });
  for (const shown of shownCells.values()) if (shown.n < k) return { safe: false, cells: shown.cells };
  // Cells of k or more can never be in a small set: their two ends are one class of nodes.
  const { edges, size } = graphOf(cells);
  const union = potentials(size);
  for (const e of edges) if (e.n >= k) union.join(e.from, e.to, 0);
  const nodes = { find: (x: number) => union.find(x).root };
  // Light cells between two different classes; a light cell inside one class is always 0.
  const light = edges.filter((e) => e.n < k && nodes.find(e.from) !== nodes.find(e.to));
  // One arc pair per pair of classes: capacity n (summed, capped at k) forward, k (unbounded) back.
  const pairs = new Map<string, { from: number; to: number; n: number; cells: number[]; proven: boolean }>();
  for (const e of light) {
    const [from, to] = [nodes.find(e.from), nodes.find(e.to)];
    const key = `${from}>${to}`;
    const pair = pairs.get(key) ?? { from, to, n: 0, cells: [], proven: false };
    pair.n = Math.min(k, pair.n + e.n);
    pair.cells.push(e.cell);
    pair.proven ||= proven.has(e.cell);
    pairs.set(key, pair);
  }
  const network = flowNetwork(size, [...pairs.values()], k);
  const foundBy = (side: readonly boolean[]): AuditResult => ({
    safe: false,
    cells: light.filter((e) => side[nodes.find(e.from)] && !side[nodes.find(e.to)]).map((e) => e.cell),
  });
  let yieldedAt = 0;
  function* turn() {
    if (network.work - yieldedAt < WORK_PER_STEP) return;
    yieldedAt = network.work;
    yield;
  }
  // Connectivity passes through a hub: λ(u, w) ≥ min(λ(u, hub), λ(hub, w)). So a pair whose ends
  // reach the hub and are reached from it by k is proven without a flow of its own: about two flows
  // per node instead of one per pair. A cut of 1..k−1 to or from the hub is itself a small set.
  const open = [...pairs.values()].filter((p) => !p.proven);
  const degree = new Map<number, number>();
  for (const p of open) for (const v of [p.from, p.to]) degree.set(v, (degree.get(v) ?? 0) + 1);
  const hub = [...degree].reduce<[number, number] | null>((a, b) => (!a || b[1] > a[1] ? b : a), null)?.[0];
  const toHub = new Set<number>();
  const fromHub = new Set<number>();
  if (hub !== undefined)
    for (const v of degree.keys()) {
      for (const [source, sink, reached] of [
        [v, hub, toHub],
        [hub, v, fromHub],
      ] as const) {
        const cut = v === hub ? null : network.smallCut(source, sink);
        if (cut === null) reached.add(v);
        else if (cut.flow > 0) return foundBy(cut.side);
        yield* turn();
      }
    }
  for (const pair of open) {
    if (!(toHub.has(pair.from) && fromHub.has(pair.to))) {
      const cut = network.smallCut(pair.from, pair.to);
      if (cut) return foundBy(cut.side);
    }
    for (const c of pair.cells) proven.add(c);
    yield* turn();
  }
  return { safe: true };
}

/**
 * Whether `set` (indices of `cells`) is still computable: potentials exist that give its cells 1
 * and every other hidden cell 0.
 */
export function twoWayComputable(cells: readonly TwoWayCell[], set: ReadonlySet<number>): boolean {
  const { edges, size } = graphOf(cells);
  const union = potentials(size);
  return edges.every((e) => union.join(e.from, e.to, set.has(e.cell) ? 1 : 0));
}

/** A flow network with integer capacities up to k, for cuts of fewer than k. */
function flowNetwork(size: number, pairs: readonly { from: number; to: number; n: number }[], k: number) {
  // Arcs in pairs (forward, its residual): arc i's residual is i ^ 1.
  const head: number[] = [];
  const capacity: number[] = [];
  const out: number[][] = Array.from({ length: size }, () => []);
  const arc = (from: number, to: number, cap: number) => {
    at(out, from).push(head.length);
    head.push(to);
    capacity.push(cap);
    at(out, to).push(head.length);
    head.push(from);
    capacity.push(0);
  };
  for (const p of pairs) {
    arc(p.from, p.to, p.n);
    arc(p.to, p.from, k);
  }
  const residual = [...capacity];
  const via = new Array<number>(size).fill(-1);
  let work = 0;
  return {
    /** Arcs looked at so far. */
    get work() {
      return work;
    },
    /** A minimum cut between `source` and `sink` when it is below k: its source side (a membership list) and value; else null. */
    smallCut(source: number, sink: number): { side: boolean[]; flow: number } | null {
      for (let i = 0; i < capacity.length; i++) residual[i] = at(capacity, i);
      let flow = 0;
      for (;;) {
        const seen = new Array<boolean>(size).fill(false);
        seen[source] = true;
        const queue = [source];
        for (let q = 0; q < queue.length && !seen[sink]; q++)
          for (const a of at(out, at(queue, q))) {
            work++;
            if (at(residual, a) > 0 && !at(seen, at(head, a))) {
              seen[at(head, a)] = true;
              via[at(head, a)] = a;
              queue.push(at(head, a));
            }
          }
        if (!seen[sink]) return { side: seen, flow }; // the nodes still reachable: the source side of a minimum cut
        let push = k;
        for (let v = sink; v !== source; v = at(head, at(via, v) ^ 1)) push = Math.min(push, at(residual, at(via, v)));
        for (let v = sink; v !== source; v = at(head, at(via, v) ^ 1)) {
          residual[at(via, v)] = at(residual, at(via, v)) - push;
          residual[at(via, v) ^ 1] = at(residual, at(via, v) ^ 1) + push;
        }
        flow += push;
        if (flow >= k) return null;
      }
    },
  };
}
