/**
 * The start-here rule: walk the levels from the top; the first level that is weak (low score)
 * or divided (staff disagree) is where change has to start, because it organises every level
 * below it. Investing lower down first pays back less.
 */
import type { Localised } from "./i18n.js";
import { LEVELS, levelById, levelsBelow, type LevelId } from "./levels.js";

export interface Thresholds {
  /** A level scoring below this (0–100) is weak. */
  weakBelow: number;
  /** A level with a respondent SD at or above this (1–5 scale) is divided. */
  dividedSd: number;
  /** ...or with at least this share favourable and this share unfavourable at once. */
  polarShare: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { weakBelow: 60, dividedSd: 1.0, polarShare: 0.25 };

export interface LevelResult {
  id: LevelId;
  /** 0–100. */
  score: number;
  /** SD of respondents' level means, on the 1–5 scale. */
  sd: number;
  /** Shares 0–1 of item answers that were 4–5 and 1–2. */
  favourable: number;
  unfavourable: number;
}

export type Reason = "weak" | "divided";

export function isWeak(level: LevelResult, t: Thresholds = DEFAULT_THRESHOLDS): boolean {
  return level.score < t.weakBelow;
}

export function isDivided(level: LevelResult, t: Thresholds = DEFAULT_THRESHOLDS): boolean {
  return level.sd >= t.dividedSd || (level.favourable >= t.polarShare && level.unfavourable >= t.polarShare);
}

export type StartHere =
  | { level: LevelId; reason: Reason; downstream: LevelId[]; explanation: Localised }
  | { level: null; lowest: LevelId; explanation: Localised };

const list = (ids: LevelId[], lang: "nl" | "en") => {
  const names = ids.map((id) => levelById(id).name[lang].toLowerCase());
  if (names.length <= 1) return names.join("");
  const and = lang === "nl" ? " en " : " and ";
  return `${names.slice(0, -1).join(", ")}${and}${names.at(-1)}`;
};

function explain(level: LevelId, reason: Reason, downstream: LevelId[]): Localised {
  const name = levelById(level).name;
  const why: Localised =
    reason === "weak"
      ? { nl: "scoort zwak", en: "scores weak" }
      : { nl: "is verdeeld: medewerkers zijn het onderling oneens", en: "is divided: staff disagree among themselves" };
  if (downstream.length === 0) {
    return {
      nl: `Begin bij ${name.nl.toLowerCase()}: dit niveau ${why.nl}, en alle niveaus erboven zijn sterk en eensgezind.`,
      en: `Start at ${name.en.toLowerCase()}: this level ${why.en}, and every level above it is strong and shared.`,
    };
  }
  return {
    nl:
      `Begin bij ${name.nl.toLowerCase()}: dit is het hoogste niveau dat ${why.nl}. ` +
      `Het stuurt de niveaus eronder aan — ${list(downstream, "nl")}. ` +
      `Investeren in bijvoorbeeld trainingen in vaardigheden of in systemen en procedures verdient zich ` +
      `veel minder terug zolang dit niveau niet op orde is.`,
    en:
      `Start at ${name.en.toLowerCase()}: it is the highest level that ${why.en}. ` +
      `It organises the levels below it — ${list(downstream, "en")}. ` +
      `Investing first in, say, skills training or in systems and procedures pays back far less ` +
      `while this level is not in order.`,
  };
}

/** `levels` may be in any order and may miss levels (e.g. suppressed); the walk is always top-down. */
export function startHere(levels: readonly LevelResult[], t: Thresholds = DEFAULT_THRESHOLDS): StartHere | null {
  const byId = new Map(levels.map((l) => [l.id, l]));
  const present = LEVELS.map((l) => byId.get(l.id)).filter((l): l is LevelResult => l !== undefined);
  if (present.length === 0) return null;
  for (const level of present) {
    const reason: Reason | null = isWeak(level, t) ? "weak" : isDivided(level, t) ? "divided" : null;
    if (reason) {
      const downstream = levelsBelow(level.id).map((l) => l.id);
      return { level: level.id, reason, downstream, explanation: explain(level.id, reason, downstream) };
    }
  }
  const lowest = present.reduce((a, b) => (b.score < a.score ? b : a));
  const name = levelById(lowest.id).name;
  return {
    level: null,
    lowest: lowest.id,
    explanation: {
      nl: `Geen niveau is zwak of verdeeld. Het laagst scorende niveau is ${name.nl.toLowerCase()}: daar valt het meest te winnen.`,
      en: `No level is weak or divided. The lowest-scoring level is ${name.en.toLowerCase()}: that is where most is to be gained.`,
    },
  };
}
