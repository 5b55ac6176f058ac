/**
 * Adversary: a manager who reads every report, filter, heatmap, management gap and the
 * participation of a released round, and solves them together as linear equations (black box,
 * through HTTP only). Idea: the existing suite tries one hand-made unit structure; here many
 * random structures of department × role × tenure (small cells on purpose) are released and
 * everything the API hands out is collected. Any set of 1..k−1 respondents in the span is a leak.
 * Optionally (COMMENTS) every respondent writes a comment and the length of each published
 * comment list is added as a count equation (a department's list length = its respondents).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { smallComputableSets } from "../../helpers/exact-span.js";
import { type World, world } from "./world.js";

const K = 5;
const DEPTS = ["Sales", "Service", "Legal"];
const ROLES = ["frontline", "back_office", "team_lead", "management"];
const TENURES = ["lt1", "1to5", "5to10", "gt10"];
const DIMS = { department: DEPTS, role: ROLES, tenure: TENURES } as const;
type Cell = { department: string; role: string; tenure: string; n: number };

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.t.close());

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

async function attack(seed: number, withComments: boolean): Promise<{ leaks: string[]; equations: number }> {
  const r = rng(seed);
  const cells: Cell[] = [];
  const seen = new Set<string>();
  const count = 5 + Math.floor(r() * 7);
  while (cells.length < count) {
    const c = {
      department: DEPTS[Math.floor(r() * 3)]!,
      role: ROLES[Math.floor(r() * 4)]!,
      tenure: TENURES[Math.floor(r() * 4)]!,
      n: 1 + Math.floor(r() * (r() < 0.5 ? 4 : 12)),
    };
    const key = `${c.department}|${c.role}|${c.tenure}`;
    if (!seen.has(key)) {
      seen.add(key);
      cells.push(c);
    }
  }
  const org = await w.organisation(`Org ${seed}`);
  const round = await w.campaign(org, { requireCode: true, departments: DEPTS, k: K, kComments: K });
  const total = cells.reduce((a, c) => a + c.n, 0);
  const codes = await w.codes(round.id, total);
  let i = 0;
  for (const c of cells)
    for (let j = 0; j < c.n; j++)
      expect(
        await w.submit(
          round.token,
          w.answers(1 + (i % 5), {
            department: c.department,
            role: c.role,
            tenure: c.tenure,
            ...(withComments ? { comment: `c${i}` } : {}),
          }),
          codes[i++],
        ),
      ).toBe(201);
  expect((await w.c.post(`/api/campaigns/${round.id}/close`, {})).status).toBe(200);

  const members = (f: Record<string, string>) =>
    cells.flatMap((c, idx) =>
      Object.entries(f).every(([d, v]) => (c as Record<string, unknown>)[d] === v) ? [idx] : [],
    );
  const equations: number[][] = [];
  const counts: number[][] = [];
  const filters: Record<string, string>[] = [{}];
  for (const d of Object.keys(DIMS) as (keyof typeof DIMS)[]) {
    for (const f of [...filters]) for (const v of DIMS[d]) filters.push({ ...f, [d]: v });
  }
  for (const f of filters) {
    const q = Object.entries(f).map(([d, v]) => `filter[${d}]=${v}`);
    for (const dim of [undefined, "department", "role", "tenure"]) {
      if (dim && f[dim] !== undefined) continue;
      const res = await w.c.get(
        `/api/campaigns/${round.id}/report?${[...q, ...(dim ? [`dimension=${dim}`] : [])].join("&")}`,
      );
      if (res.status !== 200 || res.body.suppressed) continue;
      equations.push(members(f));
      for (const row of res.body.heatmap?.rows ?? [])
        if (!row.suppressed) equations.push(members({ ...f, [dim!]: row.value }));
      if (res.body.managementGap) equations.push(members({ ...f, role: "management" }));
      if (withComments && res.body.comments) {
        counts.push(members(f).filter(() => true));
        expect(res.body.comments.length).toBe(members(f).reduce((a, m) => a + cells[m]!.n, 0));
      }
    }
  }
  const part = (await w.c.get(`/api/campaigns/${round.id}/participation`)).body;
  for (const [d, units] of Object.entries(part.units as Record<string, { value: string; n: number | null }[]>))
    for (const u of units) if (u.n !== null) counts.push(members({ [d]: u.value }));
  const found = smallComputableSets(
    cells.map((c) => c.n),
    equations,
    K,
  ).map(
    (set) =>
      `sums: ${set.map((x) => `${cells[x]!.department}/${cells[x]!.role}/${cells[x]!.tenure}(${cells[x]!.n})`).join(" + ")}`,
  );
  const foundCounts = smallComputableSets(
    cells.map((c) => c.n),
    [...equations, ...counts],
    K,
  ).map(
    (set) =>
      `counts: ${set.map((x) => `${cells[x]!.department}/${cells[x]!.role}/${cells[x]!.tenure}(${cells[x]!.n})`).join(" + ")}`,
  );
  return { leaks: [...found, ...(withComments ? foundCounts : [])], equations: equations.length };
}

describe("random unit structures, everything the API gives solved together", () => {
  it("no sum over 1..k−1 respondents is computable from reports, filters, heatmaps and the management gap", async () => {
    const all: string[] = [];
    for (let seed = 1; seed <= Number(process.env.ATTACK_SEEDS ?? 25); seed++) {
      const { leaks } = await attack(seed, false);
      if (leaks.length) all.push(`seed ${seed}: ${leaks[0]}`);
    }
    expect(all).toEqual([]);
  }, 600_000);

  it("no count of 1..k−1 respondents follows when comment-list lengths and participation are added", async () => {
    const all: string[] = [];
    for (let seed = 101; seed <= 100 + Number(process.env.ATTACK_SEEDS ?? 25); seed++) {
      const { leaks } = await attack(seed, true);
      if (leaks.length) all.push(`seed ${seed}: ${leaks[0]}`);
    }
    expect(all).toEqual([]);
  }, 600_000);
});
