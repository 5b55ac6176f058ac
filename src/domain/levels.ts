/**
 * The seven levels on which every social system is organised, top-down.
 * Each level is organised by the one above it, so their order is part of the method.
 */
import { defined } from "../lib/invariant.js";
import type { Localised } from "./i18n.js";

export const LEVEL_IDS = ["mission", "identity", "values", "competencies", "skills", "behaviour", "context"] as const;

export type LevelId = (typeof LEVEL_IDS)[number];

export interface Level {
  id: LevelId;
  /** 1 = top (mission), 7 = bottom (context). */
  rank: number;
  name: Localised;
  question: Localised;
}

export const LEVELS: readonly Level[] = [
  {
    id: "mission",
    rank: 1,
    name: { nl: "Missie", en: "Mission" },
    question: {
      nl: "Waar wil de organisatie op lange termijn naartoe? Waarom bestaat zij?",
      en: "Where does the organisation want to go in the long run? Why does it exist?",
    },
  },
  {
    id: "identity",
    rank: 2,
    name: { nl: "Identiteit", en: "Identity" },
    question: {
      nl: "Wie wil de organisatie zijn? Wat wil zij naar buiten uitstralen?",
      en: "Who does the organisation want to be? What does it want to radiate?",
    },
  },
  {
    id: "values",
    rank: 3,
    name: { nl: "Waarden en overtuigingen", en: "Values and beliefs" },
    question: {
      nl: "Waarom doet de organisatie de dingen zoals zij ze doet? Welke (klant)waarden sturen haar?",
      en: "Why does the organisation do things the way it does? Which (customer) values guide it?",
    },
  },
  {
    id: "competencies",
    rank: 4,
    name: { nl: "Competenties", en: "Competencies" },
    question: {
      nl: "Wat zijn haar sterke en zwakke kanten, haar kernkwaliteiten?",
      en: "What are its strengths and weaknesses, its core qualities?",
    },
  },
  {
    id: "skills",
    rank: 5,
    name: { nl: "Vaardigheden", en: "Skills" },
    question: {
      nl: "Hoe doet de organisatie de dingen die zij doet?",
      en: "How does the organisation do the things it does?",
    },
  },
  {
    id: "behaviour",
    rank: 6,
    name: { nl: "Gedrag", en: "Behaviour" },
    question: {
      nl: "Wat doet de organisatie feitelijk?",
      en: "What does the organisation actually do?",
    },
  },
  {
    id: "context",
    rank: 7,
    name: { nl: "Context / omgeving", en: "Context" },
    question: {
      nl: "Onder welke omstandigheden en met welke middelen: kantoor, systemen, structuur, processen?",
      en: "Under which conditions and with which means: office, systems, structure, processes?",
    },
  },
];

export function isLevelId(value: unknown): value is LevelId {
  return typeof value === "string" && (LEVEL_IDS as readonly string[]).includes(value);
}

export function levelById(id: LevelId): Level {
  return defined(
    LEVELS.find((level) => level.id === id),
    "every level id is in LEVELS",
  );
}

/** The levels strictly below `id`, top-down: the ones it organises. */
export function levelsBelow(id: LevelId): Level[] {
  return LEVELS.slice(LEVEL_IDS.indexOf(id) + 1);
}
