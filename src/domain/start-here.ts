/**
 * The start-here rule: walk the levels from the top; the first level that is weak or divided is
 * where change has to start, because it organises every level below it.
 *
 * - Weak: the level's 95% confidence interval lies wholly below the threshold. An interval that
 *   straddles it is "possibly weak": not enough to decide on, said beside the pick.
 * - Divided: staff fall into two camps on at least one of the level's items. An item is split
 *   when agreement on it is low (rwg < 0.4), its answers have two peaks (bimodality coefficient
 *   above 0.6, where an even spread over the five options scores 0.59) and each camp holds at least a quarter of the
 *   answers (1–2 against 4–5). The level's items must hang together (Cronbach's α ≥ 0.4):
 *   answers that agree on nothing are noise, not two camps. Only from 10 respondents.
 * - When no level is flagged, the pick is the largest gap between current and desired state, or
 *   else the strongest driver of the outcome item; never simply the lowest level, which is
 *   nearly always context — the systems and procedures the method warns against starting with.
 *
 * Calibrated by simulation (test/domain/diagnosis-simulation.test.ts): a planted start level is
 * recovered in at least 90% of groups of 100, and undivided groups of 10 are called divided in
 * at most 5%. Pure: the figures come from a release's published groups.
 */
import { bimodalityCoefficient, camps, itemMoments, rwg, rwgJ } from "./agreement.js";
import type { Localised } from "./i18n.js";
import { levelById, type LevelId, LEVELS, levelsBelow } from "./levels.js";
import { type ItemDistribution, itemSums } from "./release.js";
import { type AlphaResult, cronbachAlpha } from "./reliability.js";
import { toPercentScore } from "./scoring.js";
import { confidenceInterval95, mean, type Sums } from "./statistics.js";

export interface Thresholds {
  /** A level whose 95% interval lies below this (0–100) is weak. */
  weakBelow: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { weakBelow: 60 };

/** Below this many respondents nobody is called divided: two camps of two are not camps. */
const MIN_DIVIDED_N = 10;
/** Groups below this size get the diagnosis marked indicative. */
const INDICATIVE_BELOW = 30;
/** A split item: agreement below this (single-item rwg)... */
const SPLIT_AGREEMENT_BELOW = 0.4;
/** ...a bimodality coefficient above this... */
const SPLIT_BIMODALITY_ABOVE = 0.6;
/** ...and at least this share of answers on each side. */
const SPLIT_CAMP_SHARE = 0.25;
/** A level whose items hang together less than this measures noise, and is not called divided. */
const MIN_COHERENCE = 0.4;

export interface LevelEvidence {
  id: LevelId;
  /** Sums of respondents' level means (1–5). */
  sums: Sums;
  /** The level's current-state items as this group answered them. */
  items: readonly { name: string; counts: ItemDistribution }[];
  /** False when some of the level's items are missing (answered "not applicable" by someone): alpha needs them all. */
  complete?: boolean;
  /** Alpha as the release computed it over those who answered every item; preferred when present. */
  alpha?: AlphaResult;
}

export interface LevelAssessment {
  id: LevelId;
  n: number;
  /** 0–100, unrounded. */
  score: number;
  ci95: [number, number];
  weak: boolean;
  possiblyWeak: boolean;
  divided: boolean;
  /** rwg(J) over the level's items: 1 full agreement, 0 no more than chance. */
  agreement: number | null;
  /** Cronbach's α of the level's items in this group. */
  alpha: number | null;
  /** The items on which staff fall into two camps. */
  splitItems: string[];
}

/** Whether staff split into two camps on this item. */
export function isSplitItem(counts: Readonly<ItemDistribution>): boolean {
  const { n, variance } = itemMoments(counts);
  if (n < MIN_DIVIDED_N) return false;
  const side = camps(counts);
  const bc = bimodalityCoefficient(counts);
  return (
    rwg(variance) < SPLIT_AGREEMENT_BELOW &&
    bc !== null &&
    bc > SPLIT_BIMODALITY_ABOVE &&
    side.low >= SPLIT_CAMP_SHARE &&
    side.high >= SPLIT_CAMP_SHARE
  );
}

/**
 * A level's Cronbach's alpha in the group: as the release computed it, or from all of its items;
 * null when some of its items are missing (someone answered "not applicable").
 */
export function levelAlpha(e: LevelEvidence): AlphaResult | null {
  return (
    e.alpha ??
    (e.complete === false
      ? null
      : cronbachAlpha(
          e.items.map((i) => itemSums(i.counts)),
          e.sums,
        ))
  );
}

export function assessLevel(e: LevelEvidence, t: Thresholds = DEFAULT_THRESHOLDS): LevelAssessment {
  const score = toPercentScore(mean(e.sums));
  const [lo, hi] = confidenceInterval95(e.sums).map(toPercentScore) as [number, number];
  const reliability = levelAlpha(e);
  const alpha = reliability?.alpha ?? null;
  // Items that vary while people's level means do not are noise; alpha cannot say so itself then.
  const coherent =
    reliability === null ||
    (reliability.alpha === null ? reliability.reason !== "no_variance" : reliability.alpha >= MIN_COHERENCE);
  const splitItems =
    e.sums.n >= MIN_DIVIDED_N && coherent ? e.items.filter((i) => isSplitItem(i.counts)).map((i) => i.name) : [];
  return {
    id: e.id,
    n: e.sums.n,
    score,
    ci95: [Math.max(0, lo), Math.min(100, hi)],
    weak: hi < t.weakBelow,
    possiblyWeak: lo < t.weakBelow && hi >= t.weakBelow,
    divided: splitItems.length > 0,
    agreement: rwgJ(e.items.map((i) => itemMoments(i.counts).variance)),
    alpha,
    splitItems,
  };
}

/** Why a level is flagged; the API's schemas take their enums from here. */
export const REASONS = ["weak", "possibly_weak", "divided"] as const;
export type Reason = (typeof REASONS)[number];

const whole = (x: number) => String(Math.round(x));

/** Each flag of a level in one sentence a manager understands, with the numbers behind it; null without a flag. */
export function flagNote(a: LevelAssessment, t: Thresholds = DEFAULT_THRESHOLDS): Localised | null {
  const [lo, hi] = a.ci95.map(whole) as [string, string];
  const score = whole(a.score);
  const parts: Localised[] = [];
  if (a.weak) {
    parts.push({
      nl: `Zwak: de score ${score} ligt met de hele marge (${lo}–${hi}) onder de drempel van ${t.weakBelow}.`,
      en: `Weak: the score ${score} lies below the threshold ${t.weakBelow} with its whole margin (${lo}–${hi}).`,
    });
  }
  if (a.possiblyWeak) {
    parts.push({
      nl: `Mogelijk zwak: de score ${score} heeft een marge van ${lo} tot ${hi}, over de drempel van ${t.weakBelow} heen; met meer antwoorden valt het te beslissen.`,
      en: `Possibly weak: the score ${score} has a margin of ${lo} to ${hi}, across the threshold ${t.weakBelow}; more answers would settle it.`,
    });
  }
  if (a.divided) {
    const k = a.splitItems.length;
    const agreement = a.agreement === null ? "" : a.agreement.toFixed(2);
    parts.push({
      nl: `Verdeeld: op ${k === 1 ? "één vraag" : `${k} vragen`} vallen medewerkers in twee kampen, elk minstens een kwart (eens tegenover oneens); overeenstemming ${agreement.replace(".", ",")} op een schaal van 0 tot 1.`,
      en: `Divided: on ${k === 1 ? "one question" : `${k} questions`} staff fall into two camps of at least a quarter each (agree against disagree); agreement ${agreement} on a scale of 0 to 1.`,
    });
  }
  return parts.length > 0 ? { nl: parts.map((p) => p.nl).join(" "), en: parts.map((p) => p.en).join(" ") } : null;
}

/** What a pick rests on: flags on the levels, or — with none — the desired state or a driver. */
export const BASES = ["flagged", "desired_gap", "driver", "none"] as const;
export type Basis = (typeof BASES)[number];

export interface Pick {
  level: LevelId | null;
  reasons: Reason[];
  basis: Basis;
  /** Possibly weak levels above the pick: look at them first. */
  checkFirst: LevelId[];
}

/** Where no level is flagged: what else may point the way. */
export interface Fallbacks {
  /** desired − current per level, 0–100 points. */
  gaps?: readonly { level: LevelId; gap: number }[] | null;
  /** Each level's weight in explaining the outcome item. */
  drivers?: readonly { level: LevelId; weight: number }[] | null;
}

/** A gap smaller than this does not point anywhere. */
const MIN_GAP = 5;

const top = (levels: readonly LevelAssessment[]) => {
  const byId = new Map(levels.map((l) => [l.id, l]));
  return LEVELS.flatMap((l) => byId.get(l.id) ?? []);
};

/** The flags alone: the pick the bootstrap repeats on resampled groups. */
export function pickFlagged(levels: readonly LevelAssessment[]): Pick | null {
  const ordered = top(levels);
  const first = ordered.findIndex((l) => l.weak || l.divided);
  const l = ordered[first];
  if (l) {
    const reasons: Reason[] = [...(l.weak ? (["weak"] as const) : []), ...(l.divided ? (["divided"] as const) : [])];
    return {
      level: l.id,
      reasons,
      basis: "flagged",
      checkFirst: ordered
        .slice(0, first)
        .filter((a) => a.possiblyWeak)
        .map((a) => a.id),
    };
  }
  const possibly = ordered.find((l) => l.possiblyWeak);
  return possibly ? { level: possibly.id, reasons: ["possibly_weak"], basis: "flagged", checkFirst: [] } : null;
}

export function pickStart(levels: readonly LevelAssessment[], fallbacks: Fallbacks = {}): Pick {
  const flagged = pickFlagged(levels);
  if (flagged) return flagged;
  const answered = new Set(levels.map((l) => l.id));
  const gap = (fallbacks.gaps ?? [])
    .filter((g) => answered.has(g.level) && g.gap >= MIN_GAP)
    .reduce<{ level: LevelId; gap: number } | null>((a, b) => (!a || b.gap > a.gap ? b : a), null);
  if (gap) return { level: gap.level, reasons: [], basis: "desired_gap", checkFirst: [] };
  const driver = (fallbacks.drivers ?? [])
    .filter((d) => answered.has(d.level))
    .reduce<{ level: LevelId; weight: number } | null>((a, b) => (!a || b.weight > a.weight ? b : a), null);
  if (driver) return { level: driver.level, reasons: [], basis: "driver", checkFirst: [] };
  return { level: null, reasons: [], basis: "none", checkFirst: [] };
}

export interface StartHere extends Pick {
  downstream: LevelId[];
  /** Fewer than INDICATIVE_BELOW respondents: read the pick as a pointer, not a finding. */
  indicative: boolean;
  /** Share (0–1) of bootstrap resamples of the group that gave the same pick; null when not computed. */
  stability: number | null;
  explanation: Localised;
}

/** `levels` may be in any order and may miss levels; the walk is always top-down. Null without levels. */
export function startHere(
  levels: readonly LevelAssessment[],
  fallbacks: Fallbacks = {},
  stability: number | null = null,
): StartHere | null {
  if (levels.length === 0) return null;
  const pick = pickStart(levels, fallbacks);
  const n = Math.min(...levels.map((l) => l.n));
  const downstream = pick.level ? levelsBelow(pick.level).map((l) => l.id) : [];
  return {
    ...pick,
    downstream,
    indicative: n < INDICATIVE_BELOW,
    stability,
    explanation: explain(pick, downstream, n < INDICATIVE_BELOW, stability),
  };
}

const name = (id: LevelId, lang: "nl" | "en") => levelById(id).name[lang].toLowerCase();

const list = (ids: readonly LevelId[], lang: "nl" | "en") => {
  const names = ids.map((id) => name(id, lang));
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")}${lang === "nl" ? " en " : " and "}${names.at(-1)}`;
};

/** Each reason as the end of "the highest level that …" (in Dutch a subordinate clause: the verb last). */
const WHY: Record<Reason, Localised> = {
  weak: { nl: "duidelijk onder de drempel scoort", en: "scores clearly below the threshold" },
  possibly_weak: {
    nl: "mogelijk onder de drempel scoort (de marge loopt erover)",
    en: "may score below the threshold (its margin straddles it)",
  },
  divided: { nl: "verdeeld is (medewerkers vallen in twee kampen)", en: "is divided (staff fall into two camps)" },
};

function explain(pick: Pick, downstream: LevelId[], indicative: boolean, stability: number | null): Localised {
  const parts: Localised[] = [];
  if (pick.level === null) {
    parts.push({
      nl: "Geen niveau is zwak of verdeeld, en niets anders wijst een begin aan.",
      en: "No level is weak or divided, and nothing else points to a place to start.",
    });
  } else if (pick.basis === "flagged") {
    const why = {
      nl: pick.reasons.map((r) => WHY[r].nl).join(" en "),
      en: pick.reasons.map((r) => WHY[r].en).join(" and "),
    };
    parts.push({
      nl: `Begin bij ${name(pick.level, "nl")}: het hoogste niveau dat ${why.nl}.`,
      en: `Start at ${name(pick.level, "en")}: the highest level that ${why.en}.`,
    });
    if (downstream.length > 0) {
      parts.push({
        nl: `Het stuurt de niveaus eronder aan (${list(downstream, "nl")}); investeren in vaardigheden of systemen verdient zich minder terug zolang dit niet op orde is.`,
        en: `It organises the levels below it (${list(downstream, "en")}); investing in skills or systems pays back less while this is not in order.`,
      });
    }
    if (pick.checkFirst.length > 0) {
      parts.push({
        nl: `Kijk eerst ook naar ${list(pick.checkFirst, "nl")}: mogelijk zwak, te dicht bij de drempel om zeker te zijn.`,
        en: `Look at ${list(pick.checkFirst, "en")} first too: possibly weak, too close to the threshold to be sure.`,
      });
    }
  } else {
    const via: Localised =
      pick.basis === "desired_gap"
        ? {
            nl: "daar is het verschil tussen hoe het is en hoe het zou moeten zijn het grootst",
            en: "that is where the gap between how it is and how it should be is largest",
          }
        : {
            nl: "dat niveau hangt het sterkst samen met hoe klantgericht medewerkers de organisatie vinden",
            en: "that level goes most with how customer-centric staff rate the organisation",
          };
    parts.push({
      nl: `Geen niveau is zwak of verdeeld. Begin bij ${name(pick.level, "nl")}: ${via.nl}.`,
      en: `No level is weak or divided. Start at ${name(pick.level, "en")}: ${via.en}.`,
    });
  }
  if (stability !== null && pick.level !== null) {
    const pct = Math.round(stability * 100);
    parts.push({
      nl: `In ${pct}% van de herberekeningen op steekproeven uit deze groep kwam hetzelfde niveau naar voren.`,
      en: `${pct}% of recalculations on resamples of this group came to the same level.`,
    });
  }
  if (indicative)
    parts.push({
      nl: "Minder dan 30 respondenten: lees dit als een aanwijzing, niet als een vaststelling.",
      en: "Fewer than 30 respondents: read this as a pointer, not a finding.",
    });
  return { nl: parts.map((p) => p.nl).join(" "), en: parts.map((p) => p.en).join(" ") };
}
