/** An organisation's rounds over time: per level the change between rounds and whether it is real (domain/trends.ts). */
import { roundDate } from "../domain/campaign.js";
import { LEVEL_IDS, type LevelId } from "../domain/levels.js";
import { isCurrentItem } from "../domain/scoring.js";
import { round } from "../domain/statistics.js";
import { levelTrends, MIN_MEANINGFUL_CHANGE, type Round, SIGNIFICANCE, type TrendStep } from "../domain/trends.js";
import type { InstrumentRegistry } from "../instruments/registry.js";
import { listCampaigns } from "../storage/campaigns.js";
import type { Db } from "../storage/database.js";
import { resolveInstrument } from "./instruments.js";
import { profile, type Profiled } from "./profiles.js";

const pView = (p: number | null) => (p === null ? null : Number(p.toPrecision(2)));
const scoreView = (x: number | null) => (x === null ? null : round(x));
const stepView = (s: TrendStep) => ({
  ...s,
  fromScore: scoreView(s.fromScore),
  toScore: scoreView(s.toScore),
  change: scoreView(s.change),
  p: pView(s.p),
  pAdjusted: pView(s.pAdjusted),
});

/**
 * The current-state items of each level of the round's instrument (the release's own list if the
 * instrument is gone), with what makes two of them the same question: level, keying and wording.
 * A new version may reuse a name for a reworded item; that is not the same question.
 */
async function levelItemsOf(
  db: Db,
  instruments: InstrumentRegistry,
  p: Profiled,
): Promise<Pick<Round, "levelItems" | "wording">> {
  const instrument = await resolveInstrument(db, instruments, p.campaign.instrumentId, p.campaign.instrumentVersion);
  const pairs: [string, LevelId][] = instrument
    ? instrument.key.items.filter(isCurrentItem).map((i): [string, LevelId] => [i.name, i.level])
    : Object.entries(p.release?.totals.itemLevels ?? {});
  const out: Partial<Record<LevelId, string[]>> = {};
  for (const [name, level] of pairs) (out[level] ??= []).push(name);
  const titles = instrument ? questionTitles(instrument.json) : new Map<string, string>();
  const wording = Object.fromEntries(
    pairs.map(([name, level]) => [
      name,
      `${level}|${instrument?.key.items.find((i) => i.name === name)?.reverse ?? ""}|${titles.get(name) ?? ""}`,
    ]),
  );
  return { levelItems: out, wording };
}

/** Each question's title as the instrument's JSON has it (both languages), by name. */
function questionTitles(json: Record<string, unknown>): Map<string, string> {
  const titles = new Map<string, string>();
  const walk = (elements: unknown): void => {
    for (const e of Array.isArray(elements) ? elements : []) {
      const element = e as { name?: string; title?: unknown; elements?: unknown };
      if (element.name) titles.set(element.name, JSON.stringify(element.title ?? null));
      walk(element.elements);
    }
  };
  for (const page of (json.pages as { elements?: unknown }[] | undefined) ?? []) walk(page.elements);
  return titles;
}

export async function organisationTrends(db: Db, instruments: InstrumentRegistry, organisationId: string) {
  const profiled = await profile(db, await listCampaigns(db, [organisationId]));
  const rounds: Round[] = await Promise.all(
    profiled
      // A round with a group (released, k reached) has its release.
      .flatMap((p) => (p.group && p.release ? [{ p, group: p.group, release: p.release }] : []))
      .map(async ({ p, group, release }) => ({
        campaignId: p.campaign.id,
        title: p.campaign.title,
        date: roundDate(p.campaign),
        n: p.n,
        k: p.campaign.k,
        instrument: { id: p.campaign.instrumentId, version: p.campaign.instrumentVersion },
        levels: Object.fromEntries(
          LEVEL_IDS.flatMap((l) => {
            const sums = group.scales.get(l);
            return sums ? [[l, sums]] : [];
          }),
        ),
        ...(await levelItemsOf(db, instruments, p)),
        items: release.totals.items,
      })),
  );
  return {
    /** The rule the labels follow, for readers to state it. */
    significance: SIGNIFICANCE,
    minimumChange: MIN_MEANINGFUL_CHANGE,
    rounds: profiled
      .map((p) => ({
        campaignId: p.campaign.id,
        title: p.campaign.title,
        date: roundDate(p.campaign),
        instrument: { id: p.campaign.instrumentId, version: p.campaign.instrumentVersion },
        included: p.group !== null,
      }))
      .sort((a, b) => a.date.localeCompare(b.date)),
    levels: levelTrends(rounds).map((t) => ({
      level: t.level,
      points: t.points.map((p) => ({ ...p, score: round(p.score) })),
      steps: t.steps.map(stepView),
      overall: t.overall && stepView(t.overall),
    })),
  };
}

export type TrendsView = Awaited<ReturnType<typeof organisationTrends>>;
