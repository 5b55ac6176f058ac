/**
 * The start-here rule: walk the levels from the top; the first level that is weak or divided is
 * where change has to start, because it organises every level below it.
 *
 * - Measured reliably first: a level is flagged at all only when its items hang together in the
 *   group (Cronbach's α at least 0.5, and its one-sided 95% lower bound above 0: reliability.ts), or
 *   staff agree on it (rwg(J) at least CONSENSUS: a shared verdict leaves little spread for α).
 *   Careless or random answers spread every item and score near the midpoint, which would read
 *   as weak and as divided; they do not hang together. Where one of a level's items is unpublished
 *   (someone in the round answered "n.v.t."), α is that over the respondents who answered every
 *   item (the round), or over the published items, which everyone answered (any other group). A
 *   level whose α cannot be computed at all is not measured reliably: a missing value is never
 *   taken for coherence.
 * - Weak: the level's 95% confidence interval lies wholly below the threshold. An interval that
 *   straddles it is "possibly weak": said beside a pick, never a pick itself.
 * - Divided: respondents' level means fall into two camps, each at least a fifth of the group,
 *   by a test calibrated per group size (split-test.ts). Only from 10 respondents.
 * - No pick from noise: with nothing flagged, the largest gap between current and desired state
 *   (or else the strongest driver) points the way only from INDICATIVE_BELOW respondents; below
 *   that, or when no level is measured reliably, the answer is "no clear starting point", and why.
 *
 * Calibrated by simulation (test/domain/diagnosis-simulation.test.ts, docs/diagnosis.md). Pure:
 * the figures come from a release's published groups.
 */
import { itemMoments, rwgJ } from "./agreement.js";
import type { Localised } from "./i18n.js";
import { barOf, DEFAULT_THRESHOLDS, type Thresholds } from "./level-bars.js";
import { levelById, type LevelId, LEVELS, levelsBelow } from "./levels.js";
import type { ItemDistribution } from "./release.js";
import { type AlphaResult, cronbachAlpha, measuredReliably } from "./reliability.js";
import { toPercentScore } from "./scoring.js";
import { splitTest } from "./split-test.js";
import { confidenceInterval95, itemSums, mean, type Sums } from "./statistics.js";

/** Groups below this size get the diagnosis marked indicative, and no pick without a flag. */
export const INDICATIVE_BELOW = 30;
/**
 * Agreement (rwg(J)) from which a level counts as measured whatever its α: staff who all say a
 * level is poor differ little from each other, which leaves α low while the finding is the clearest
 * there is. Random answers agree on nothing (rwg(J) near 0); LeBreton & Senter (2008) read .71–.90
 * as strong agreement.
 */
const CONSENSUS = 0.7;

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
  /**
   * With an item unpublished and no alpha over complete respondents: whether alpha of the published
   * items passes the gate (measuredReliably) — the outcome only; the value of a two-item alpha would
   * give the items' product sum, and with it a lone dissenter's other answer.
   */
  partialReliable?: boolean;
  /**
   * The two camps' shares (0–1) when respondents' level means fall into two camps (split-test.ts, run
   * by the release on each published group, or by the bootstrap on a resample); absent otherwise.
   */
  camps?: { low: number; high: number };
}

export interface LevelAssessment {
  id: LevelId;
  n: number;
  /** 0–100, unrounded. */
  score: number;
  ci95: [number, number];
  /** The bar (0–100) below which the level is weak: the round's, or the level's own from the norms (level-bars.ts). */
  bar: number;
  /** The level's items hang together in this group: only then can it be flagged. */
  reliable: boolean;
  weak: boolean;
  possiblyWeak: boolean;
  divided: boolean;
  /** rwg(J) over the level's items: 1 full agreement, 0 no more than chance. */
  agreement: number | null;
  /** Cronbach's α of the level's items in this group. */
  alpha: number | null;
  /** The two camps' shares (0–1) when the level is divided. */
  camps: { low: number; high: number } | null;
  /** The items whose own answers fall into two camps. */
  splitItems: string[];
}

/** Whether staff split into two camps on this item (its own answers, by the same calibrated test). */
export function isSplitItem(counts: Readonly<ItemDistribution>): boolean {
  return splitTest(counts).split;
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
  const bar = barOf(t, e.id);
  const [lo, hi] = confidenceInterval95(e.sums).map(toPercentScore) as [number, number];
  const reliability = levelAlpha(e);
  const coherent = reliability === null ? e.partialReliable === true : measuredReliably(reliability);
  const agreement = rwgJ(e.items.map((i) => itemMoments(i.counts).variance));
  // Measured: its items hang together, or staff agree on it (a consensus leaves α low).
  const reliable = coherent || (agreement !== null && agreement >= CONSENSUS);
  // Two camps raise α; a split needs the items to hang together, whatever the agreement.
  const divided = coherent && e.camps !== undefined;
  return {
    id: e.id,
    n: e.sums.n,
    score,
    ci95: [Math.max(0, lo), Math.min(100, hi)],
    bar,
    reliable,
    weak: reliable && hi < bar,
    possiblyWeak: reliable && lo < bar && hi >= bar,
    divided,
    agreement,
    alpha: reliability?.alpha ?? null,
    camps: divided ? (e.camps ?? null) : null,
    splitItems: divided ? e.items.filter((i) => isSplitItem(i.counts)).map((i) => i.name) : [],
  };
}

/** Why a level is flagged; the API's schemas take their enums from here. */
export const REASONS = ["weak", "possibly_weak", "divided"] as const;
export type Reason = (typeof REASONS)[number];

const whole = (x: number) => String(Math.round(x));

/** Each flag of a level in one sentence a manager understands, with the numbers behind it; null without a flag. */
export function flagNote(a: LevelAssessment): Localised | null {
  const [lo, hi] = a.ci95.map(whole) as [string, string];
  const score = whole(a.score);
  const parts: Localised[] = [];
  if (!a.reliable) {
    parts.push({
      nl: "Niet betrouwbaar gemeten in deze groep: de antwoorden op de vragen van dit niveau hangen te weinig samen om er zwak of verdeeld van te maken.",
      en: "Not measured reliably in this group: the answers to this level's questions hang together too little to call it weak or divided.",
    });
  }
  if (a.weak) {
    parts.push({
      nl: `Zwak: de score ${score} ligt met de hele marge (${lo}–${hi}) onder de drempel van ${a.bar}.`,
      en: `Weak: the score ${score} lies below the threshold ${a.bar} with its whole margin (${lo}–${hi}).`,
    });
  }
  if (a.possiblyWeak) {
    parts.push({
      nl: `Mogelijk zwak: de score ${score} heeft een marge van ${lo} tot ${hi}, over de drempel van ${a.bar} heen; met meer antwoorden valt het te beslissen.`,
      en: `Possibly weak: the score ${score} has a margin of ${lo} to ${hi}, across the threshold ${a.bar}; more answers would settle it.`,
    });
  }
  if (a.divided) {
    const low = a.camps ? whole(a.camps.low * 100) : "";
    const high = a.camps ? whole(a.camps.high * 100) : "";
    const k = a.splitItems.length;
    parts.push({
      nl: `Verdeeld: medewerkers vallen in twee kampen, ${low}% lager en ${high}% hoger${k === 0 ? ", over de vragen van dit niveau samen" : ` (het duidelijkst op ${k === 1 ? "één vraag" : `${k} vragen`})`}.`,
      en: `Divided: staff fall into two camps, ${low}% lower and ${high}% higher${k === 0 ? ", across this level's questions together" : ` (most clearly on ${k === 1 ? "one question" : `${k} questions`})`}.`,
    });
  }
  return parts.length > 0 ? { nl: parts.map((p) => p.nl).join(" "), en: parts.map((p) => p.en).join(" ") } : null;
}

/** What a pick rests on: flags on the levels, or — with none — the desired state or a driver. */
export const BASES = ["flagged", "desired_gap", "driver", "none"] as const;
export type Basis = (typeof BASES)[number];

/** Why there is no clear starting point: too few respondents for anything but a flag, no level measured reliably, or nothing points anywhere. */
export const NO_PICK_REASONS = ["too_few", "unreliable", "nothing_flagged"] as const;
type NoPickReason = (typeof NO_PICK_REASONS)[number];

export interface Pick {
  level: LevelId | null;
  reasons: Reason[];
  basis: Basis;
  /** Possibly weak levels above the pick: look at them first. */
  checkFirst: LevelId[];
  /** Levels above the pick (all levels, without one) not measured reliably: nothing is known there, and a problem there would come first. */
  unmeasuredAbove: LevelId[];
  /** With no level picked, why not. */
  noPick: NoPickReason | null;
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

/** The levels above `level` (all, when null), top-down, that `test` holds for. */
const above = (ordered: readonly LevelAssessment[], level: LevelId | null, test: (l: LevelAssessment) => boolean) => {
  const at = level === null ? ordered.length : ordered.findIndex((l) => l.id === level);
  return ordered
    .slice(0, at)
    .filter(test)
    .map((l) => l.id);
};

/** A pick with what lies above it: possibly weak levels and levels nothing is known about. */
function picked(ordered: readonly LevelAssessment[], pick: Omit<Pick, "checkFirst" | "unmeasuredAbove">): Pick {
  return {
    ...pick,
    checkFirst: above(ordered, pick.level, (l) => l.possiblyWeak),
    unmeasuredAbove: above(ordered, pick.level, (l) => !l.reliable),
  };
}

/** The flags alone: the pick the bootstrap repeats on resampled groups. Possibly weak is never a pick. */
export function pickFlagged(levels: readonly LevelAssessment[]): Pick | null {
  const ordered = top(levels);
  const l = ordered.find((a) => a.weak || a.divided);
  if (!l) return null;
  const reasons: Reason[] = [...(l.weak ? (["weak"] as const) : []), ...(l.divided ? (["divided"] as const) : [])];
  return picked(ordered, { level: l.id, reasons, basis: "flagged", noPick: null });
}

export function pickStart(levels: readonly LevelAssessment[], fallbacks: Fallbacks = {}): Pick {
  const flagged = pickFlagged(levels);
  if (flagged) return flagged;
  const ordered = top(levels);
  const none = (noPick: NoPickReason) => picked(ordered, { level: null, reasons: [], basis: "none", noPick });
  if (!levels.some((l) => l.reliable)) return none("unreliable");
  if (Math.min(...levels.map((l) => l.n)) < INDICATIVE_BELOW) return none("too_few");
  // Only a level measured reliably can be pointed at.
  const measured = new Set(levels.filter((l) => l.reliable).map((l) => l.id));
  const gap = (fallbacks.gaps ?? [])
    .filter((g) => measured.has(g.level) && g.gap >= MIN_GAP)
    .reduce<{ level: LevelId; gap: number } | null>((a, b) => (!a || b.gap > a.gap ? b : a), null);
  if (gap) return picked(ordered, { level: gap.level, reasons: [], basis: "desired_gap", noPick: null });
  const driver = (fallbacks.drivers ?? [])
    .filter((d) => measured.has(d.level))
    .reduce<{ level: LevelId; weight: number } | null>((a, b) => (!a || b.weight > a.weight ? b : a), null);
  if (driver) return picked(ordered, { level: driver.level, reasons: [], basis: "driver", noPick: null });
  return none("nothing_flagged");
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

/** Why no level is picked, in a sentence a director reads. */
const NO_PICK: Record<NoPickReason, Localised> = {
  too_few: {
    nl: "Geen duidelijk beginpunt: geen niveau is zwak of verdeeld, en met minder dan 30 respondenten zeggen kleine verschillen tussen niveaus nog niets.",
    en: "No clear starting point: no level is weak or divided, and with fewer than 30 respondents small differences between levels say nothing yet.",
  },
  unreliable: {
    nl: "Geen duidelijk beginpunt: op geen enkel niveau hangen de antwoorden genoeg samen om iets vast te stellen. Dat kan komen door te weinig of willekeurige antwoorden.",
    en: "No clear starting point: on no level do the answers hang together enough to conclude anything. Too few or random answers can cause this.",
  },
  nothing_flagged: {
    nl: "Geen duidelijk beginpunt: geen niveau is zwak of verdeeld, en niets anders wijst een begin aan.",
    en: "No clear starting point: no level is weak or divided, and nothing else points to a place to start.",
  },
};

function explain(pick: Pick, downstream: LevelId[], indicative: boolean, stability: number | null): Localised {
  const parts: Localised[] = [];
  if (pick.level === null) {
    parts.push(NO_PICK[pick.noPick ?? "nothing_flagged"]);
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
  if (pick.checkFirst.length > 0) {
    parts.push(
      pick.level === null
        ? {
            nl: `Houd ${list(pick.checkFirst, "nl")} in het oog: mogelijk zwak, te dicht bij de drempel om zeker te zijn.`,
            en: `Keep an eye on ${list(pick.checkFirst, "en")}: possibly weak, too close to the threshold to be sure.`,
          }
        : {
            nl: `Kijk eerst ook naar ${list(pick.checkFirst, "nl")}: mogelijk zwak, te dicht bij de drempel om zeker te zijn.`,
            en: `Look at ${list(pick.checkFirst, "en")} first too: possibly weak, too close to the threshold to be sure.`,
          },
    );
  }
  if (pick.unmeasuredAbove.length > 0 && pick.noPick !== "unreliable") {
    parts.push({
      nl: `Over ${list(pick.unmeasuredAbove, "nl")} valt niets te zeggen (niet betrouwbaar gemeten); speelt daar iets, dan gaat dat voor.`,
      en: `Nothing can be said about ${list(pick.unmeasuredAbove, "en")} (not measured reliably); a problem there would come first.`,
    });
  }
  if (stability !== null && pick.level !== null) {
    const pct = Math.round(stability * 100);
    parts.push({
      nl: `Dezelfde conclusie kwam in ${pct} van de 100 herhalingen op steekproeven uit deze groep naar voren.`,
      en: `The same conclusion came out in ${pct} of 100 repetitions on samples of this group.`,
    });
  }
  if (indicative && pick.level !== null)
    parts.push({
      nl: "Minder dan 30 respondenten: lees dit als een aanwijzing, niet als een vaststelling.",
      en: "Fewer than 30 respondents: read this as a pointer, not a finding.",
    });
  return { nl: parts.map((p) => p.nl).join(" "), en: parts.map((p) => p.en).join(" ") };
}
