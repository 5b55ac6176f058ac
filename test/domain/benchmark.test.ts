/**
 * Norm sets, the consultant's frozen benchmark: which round stands for an organisation, when a
 * set may be published, what each reader sees — and the differencing attack on a live mean,
 * which the rules must defeat (by example, and for random histories with fast-check).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  addedOrganisations,
  type CampaignProfile,
  changedOrganisations,
  MIN_NEW_ORGANISATIONS,
  MIN_NORM_ORGANISATIONS,
  normEntries,
  type NormEntry,
  normMean,
  normView,
  percentileRank,
  percentilesOf,
  planNormSet,
  qualifies,
} from "../../src/domain/benchmark.js";
import { LEVEL_IDS, type LevelId } from "../../src/domain/levels.js";

/** A full seven-level profile: `base` on mission, one point more per level below, so levels differ. */
const levels = (base: number): Record<LevelId, number> =>
  Object.fromEntries(LEVEL_IDS.map((l, i) => [l, base + i])) as Record<LevelId, number>;

let created = 0;
/** A released round of `organisationId` that reached k, unless told otherwise. */
function round(
  organisationId: string,
  campaignId: string,
  date: string,
  scores: Partial<Record<LevelId, number>>,
  extra: Partial<CampaignProfile> = {},
): CampaignProfile {
  created++;
  return {
    campaignId,
    organisationId,
    date,
    createdAt: `2026-01-01 00:00:${String(created % 60).padStart(2, "0")}`,
    n: 20,
    k: 5,
    scores,
    ...extra,
  };
}

/** One released round per organisation org1…orgN, profiles 10, 20, 30… */
const clients = (count: number, from = 1) =>
  Array.from({ length: count }, (_, i) =>
    round(`org${from + i}`, `c${from + i}`, "2026-01-15", levels(10 * (from + i))),
  );

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("which round stands for an organisation", () => {
  it("is its latest released round that reached k, by the round's date and then its creation", () => {
    const old = round("a", "a-2024", "2024-03-01", levels(40));
    const latest = round("a", "a-2026", "2026-03-01", levels(60));
    const sameDayEarlier = round("b", "b-1", "2026-02-01", levels(30), { createdAt: "2026-02-01 09:00:00" });
    const sameDayLater = round("b", "b-2", "2026-02-01", levels(35), { createdAt: "2026-02-01 10:00:00" });
    const entries = normEntries([latest, old, sameDayLater, sameDayEarlier]);
    expect(entries.map((e) => [e.organisationId, e.campaignId])).toEqual([
      ["a", "a-2026"],
      ["b", "b-2"],
    ]);
    expect(entries[0]!.scores).toEqual(levels(60));
  });

  it("passes over a later round below k, without a release, or without all seven levels, to the latest that qualifies", () => {
    const qualifying = round("a", "a-1", "2025-01-01", levels(50));
    const belowK = round("a", "a-2", "2025-06-01", levels(90), { n: 4 });
    const unreleased = round("a", "a-3", "2025-09-01", {}, { n: 0 });
    const partial = round("a", "a-4", "2026-01-01", { mission: 99, context: 99 });
    expect([belowK, unreleased, partial].map(qualifies)).toEqual([false, false, false]);
    expect(normEntries([partial, unreleased, belowK, qualifying]).map((e) => e.campaignId)).toEqual(["a-1"]);
    expect(normEntries([partial, unreleased, belowK])).toEqual([]);
  });

  it("counts each organisation once, whatever the order of its rounds", () => {
    const rounds = [
      round("a", "a-1", "2025-01-01", levels(10)),
      round("a", "a-2", "2026-01-01", levels(20)),
      round("a", "a-3", "2025-06-01", levels(30)),
      ...clients(4),
    ];
    const forwards = normEntries(rounds);
    expect(forwards).toHaveLength(5);
    expect(normEntries([...rounds].reverse())).toEqual(forwards);
    // The organisation with three rounds weighs as much as each with one: mission (20 + 10 + 20 + 30 + 40) / 5.
    expect(normMean(forwards)!.mission).toBe(24);
  });
});

describe("publishing a norm set", () => {
  it(`needs at least ${MIN_NORM_ORGANISATIONS} qualifying organisations`, () => {
    const four = clients(4);
    expect(planNormSet(four, null)).toEqual({ ok: false, reason: "too_few_organisations", qualifying: 4, added: 4 });
    // Many rounds of four organisations are still four.
    expect(planNormSet([...four, round("org1", "again", "2026-02-01", levels(70))], null)).toMatchObject({
      ok: false,
      qualifying: 4,
    });
    // A fifth organisation whose only round is below k does not count either.
    expect(planNormSet([...four, round("org5", "small", "2026-02-01", levels(70), { n: 3 })], null)).toMatchObject({
      ok: false,
      qualifying: 4,
    });
    const five = planNormSet(clients(5), null);
    expect(five.ok).toBe(true);
    expect(five.ok && five.entries.map((e) => e.organisationId)).toEqual(["org1", "org2", "org3", "org4", "org5"]);
  });

  it(`must add at least ${MIN_NEW_ORGANISATIONS} organisations the previous set did not hold; a newer round of one it held adds nothing`, () => {
    const first = planNormSet(clients(5), null);
    if (!first.ok) throw new Error("the first set should be published");
    const previous = first.entries;
    // Every combination of new organisations (0–4) and newer rounds of organisations already in (0–3).
    for (let added = 0; added <= 4; added++) {
      for (let replaced = 0; replaced <= 3; replaced++) {
        const rounds = [
          ...clients(5),
          ...clients(added, 6),
          ...Array.from({ length: replaced }, (_, i) =>
            round(`org${i + 1}`, `newer${i + 1}`, "2026-06-01", levels(5 + i)),
          ),
        ];
        const plan = planNormSet(rounds, previous);
        expect(plan.ok, `${added} new, ${replaced} replaced`).toBe(added >= MIN_NEW_ORGANISATIONS);
        if (!plan.ok)
          expect(plan).toEqual({ ok: false, reason: "too_few_new_organisations", qualifying: 5 + added, added });
        else {
          expect(plan.added).toHaveLength(added);
          expect(changedOrganisations(previous, plan.entries)).toHaveLength(added + replaced);
        }
      }
    }
  });

  it("counts an organisation as new only when the previous set did not hold it", () => {
    const before: NormEntry[] = [{ organisationId: "a", campaignId: "a-1", scores: levels(1) }];
    const after: NormEntry[] = [
      { organisationId: "a", campaignId: "a-2", scores: levels(2) },
      { organisationId: "b", campaignId: "b-1", scores: levels(3) },
    ];
    expect(addedOrganisations(before, after)).toEqual(["b"]);
    expect(changedOrganisations(before, after)).toEqual(["a", "b"]);
    expect(changedOrganisations(after, after)).toEqual([]);
  });
});

describe("what readers see", () => {
  const set = normEntries(clients(6));

  it("gives the consultant the mean over every organisation", () => {
    const view = normView(set, { role: "consultant" })!;
    expect(view.contributors).toHaveLength(6);
    for (const [i, level] of LEVEL_IDS.entries())
      expect(view.levels[level]).toBeCloseTo(mean([10, 20, 30, 40, 50, 60]) + i, 12);
  });

  it("gives a manager the mean of the other organisations, their own left out", () => {
    const view = normView(set, { role: "manager", organisationId: "org2" })!;
    expect(view.contributors.map((e) => e.organisationId)).toEqual(["org1", "org3", "org4", "org5", "org6"]);
    expect(view.levels.mission).toBeCloseTo(mean([10, 30, 40, 50, 60]), 12);
    expect(view.levels.context).toBeCloseTo(mean([10, 30, 40, 50, 60]) + 6, 12);
  });

  it("gives a manager nothing while their organisation is not in the set", () => {
    expect(normView(set, { role: "manager", organisationId: "org7" })).toBeNull();
    expect(normView([], { role: "consultant" })).toBeNull();
  });

  it("ranks a round among the set's organisations with mid-rank percentiles, ties counting half", () => {
    expect(percentileRank(70, [60, 70, 80])).toBeCloseTo(50, 12);
    expect(percentileRank(80, [60, 70, 80])).toBeCloseTo(((2 + 0.5) / 3) * 100, 12);
    expect(percentileRank(90, [60, 70, 80])).toBe(100);
    // Mission 35 among 10…60: three below; a level the round did not measure gets no percentile.
    expect(percentilesOf({ mission: 35, values: 32 }, set)).toEqual({ mission: 50, values: ((2 + 0.5) / 6) * 100 });
    expect(percentilesOf({ mission: 35 }, [])).toEqual({});
  });
});

describe("the differencing attack", () => {
  // Six clients, one of them the attacker's organisation A (org1); then the victim's round is released.
  const before = clients(6);
  const victim = round("victim", "v-1", "2026-03-01", {
    mission: 12.5,
    identity: 91,
    values: 47.25,
    competencies: 3,
    skills: 66,
    behaviour: 58.5,
    context: 80,
  });

  it("recovers the victim's exact profile from a live mean read before and after its release", () => {
    // What the removed code showed: the mean over every released round, recomputed on each read.
    const live = (rounds: CampaignProfile[]) =>
      normMean(
        rounds.map((r) => ({
          organisationId: r.organisationId,
          campaignId: r.campaignId,
          scores: r.scores as Record<LevelId, number>,
        })),
      )!;
    const [readBefore, readAfter, c] = [live(before), live([...before, victim]), before.length + 1];
    for (const level of LEVEL_IDS)
      expect(readAfter[level] * c - readBefore[level] * (c - 1)).toBeCloseTo(victim.scores[level]!, 9);
  });

  it("gets nothing from norm sets: the release alone changes no set, and one new organisation cannot be published", () => {
    const first = planNormSet(before, null);
    if (!first.ok) throw new Error("the first set should be published");
    const attacker = { role: "manager", organisationId: "org1" } as const;
    const seen = normView(first.entries, attacker)!;
    // The victim's round is released: the manager still reads the same frozen set.
    expect(planNormSet([...before, victim], first.entries)).toEqual({
      ok: false,
      reason: "too_few_new_organisations",
      qualifying: 7,
      added: 1,
    });
    // So are a second and then a third new client's; only with the third may a set follow.
    const second = round("w", "w-1", "2026-03-02", levels(70));
    expect(planNormSet([...before, victim, second], first.entries)).toMatchObject({ ok: false, added: 2 });
    const third = round("x", "x-1", "2026-03-03", levels(0));
    const next = planNormSet([...before, victim, second, third], first.entries);
    if (!next.ok) throw new Error("three new organisations make a set");
    const now = normView(next.entries, attacker)!;
    expect(changedOrganisations(seen.contributors, now.contributors)).toEqual(["victim", "w", "x"]);
    // Even knowing both counts, the difference gives the mean of the three new profiles, far from the victim's.
    for (const level of LEVEL_IDS) {
      const c = now.contributors.length;
      const recovered =
        (now.levels[level] * c - seen.levels[level] * seen.contributors.length) / (c - seen.contributors.length);
      expect(recovered).toBeCloseTo(mean([victim.scores[level]!, second.scores[level]!, third.scores[level]!]), 9);
    }
    expect(
      Math.max(...LEVEL_IDS.map((l) => Math.abs((now.levels[l] * 8 - seen.levels[l] * 5) / 3 - victim.scores[l]!))),
    ).toBeGreaterThan(10);
  });

  it("never lets a manager's view of two consecutive sets differ by fewer than three organisations (random histories)", () => {
    // A history: clients release rounds one by one (a release is final, so nothing ever leaves),
    // and after any release the consultant may try to publish. Attempts the rules refuse store nothing.
    let compared = 0;
    const step = fc.record({
      organisation: fc.integer({ min: 0, max: 11 }),
      score: fc.integer({ min: 0, max: 100 }),
      n: fc.integer({ min: 0, max: 30 }),
      publish: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 80, size: "max" }), (steps) => {
        const rounds: CampaignProfile[] = [];
        const published: NormEntry[][] = [];
        steps.forEach((s, i) => {
          const date = new Date(Date.parse("2026-01-01T00:00:00Z") + i * 86_400_000).toISOString().slice(0, 10);
          rounds.push(round(`org${s.organisation}`, `r${i}`, date, levels(s.score), { n: s.n }));
          if (!s.publish) return;
          const previous = published.at(-1) ?? null;
          const plan = planNormSet(rounds, previous);
          const added = addedOrganisations(previous ?? [], normEntries(rounds)).length;
          const qualifying = normEntries(rounds).length;
          // Refused exactly when the rules say so.
          expect(plan.ok).toBe(
            qualifying >= MIN_NORM_ORGANISATIONS && (previous === null || added >= MIN_NEW_ORGANISATIONS),
          );
          if (plan.ok) {
            expect(new Set(plan.entries.map((e) => e.organisationId)).size).toBe(plan.entries.length);
            published.push(plan.entries);
          }
        });
        for (let o = 0; o <= 11; o++) {
          const manager = { role: "manager", organisationId: `org${o}` } as const;
          const views = published.map((set) => normView(set, manager)).filter((v) => v !== null);
          for (const v of views) {
            expect(v.contributors.length).toBeGreaterThanOrEqual(MIN_NORM_ORGANISATIONS - 1);
            expect(v.contributors.some((e) => e.organisationId === manager.organisationId)).toBe(false);
          }
          for (let i = 1; i < views.length; i++) {
            expect(
              changedOrganisations(views[i - 1]!.contributors, views[i]!.contributors).length,
            ).toBeGreaterThanOrEqual(MIN_NEW_ORGANISATIONS);
            compared++;
          }
        }
        // The consultant's consecutive sets, too, each add at least three.
        for (let i = 1; i < published.length; i++)
          expect(addedOrganisations(published[i - 1]!, published[i]!).length).toBeGreaterThanOrEqual(
            MIN_NEW_ORGANISATIONS,
          );
      }),
      { numRuns: 500 },
    );
    // Not vacuous: many histories published several sets that the same manager saw.
    expect(compared).toBeGreaterThan(100);
  });
});
