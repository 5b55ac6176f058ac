/**
 * Instruments a campaign can pin: the built-in ones and consultants' uploads. An upload passes
 * the same method rules as the built-in instrument plus the upload rules, and is stored as the
 * next version of its id; versions never change, so a loaded version can be cached for good.
 */
import type { Localised } from "../domain/i18n.js";
import { LEVEL_IDS, type LevelId } from "../domain/levels.js";
import { isCurrentItem } from "../domain/scoring.js";
import { type Instrument, loadInstrument } from "../instruments/instrument.js";
import { localised } from "../instruments/outline.js";
import { type InstrumentProblem, problemSentence, problemTexts } from "../instruments/problems.js";
import { DEFAULT_INSTRUMENT_ID, type InstrumentRegistry } from "../instruments/registry.js";
import { checkUpload } from "../instruments/upload.js";
import { ApiError } from "../lib/api-error.js";
import { defined } from "../lib/invariant.js";
import type { Db } from "../storage/database.js";
import { findStoredInstrument, insertInstrument, instrumentOwner, listOwnInstruments } from "../storage/instruments.js";

const loaded = new Map<string, Instrument>();

/** A campaign's instrument by id and version, built-in or uploaded. */
export async function resolveInstrument(
  db: Db,
  registry: InstrumentRegistry,
  id: string,
  version: number,
): Promise<Instrument | undefined> {
  const builtin = registry.get(id, version);
  if (builtin) return builtin;
  const key = `${id}@${version}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const stored = await findStoredInstrument(db, id, version);
  if (!stored) return undefined;
  const instrument = loadInstrument(stored.json);
  if (loaded.size >= 200) loaded.clear();
  loaded.set(key, instrument);
  return instrument;
}

export interface InstrumentSummary {
  id: string;
  version: number;
  builtin: boolean;
  /** The instrument's title in both languages (its id where it has none). */
  title: Localised;
  /** Current-state rating items per level. */
  items: Partial<Record<LevelId, number>>;
  desiredState: boolean;
  /** The instrument a new round gets when it names none (the workspace preselects it). */
  default: boolean;
  createdAt: string | null;
  /** Levels the instrument asks nothing about: the diagnosis can never start there. */
  missingLevels: LevelId[];
}

function summarise(
  instrument: Instrument,
  builtin: boolean,
  createdAt: string | null = null,
  isDefault = false,
): InstrumentSummary {
  const items: Partial<Record<LevelId, number>> = {};
  for (const item of instrument.key.items.filter(isCurrentItem)) items[item.level] = (items[item.level] ?? 0) + 1;
  return {
    id: instrument.id,
    version: instrument.version,
    builtin,
    title: localised(instrument.json.title, instrument.id),
    items: Object.fromEntries(LEVEL_IDS.flatMap((l) => (items[l] ? [[l, items[l]]] : []))),
    desiredState: instrument.key.items.some((i) => i.perspective === "desired"),
    default: isDefault,
    createdAt,
    missingLevels: LEVEL_IDS.filter((l) => !items[l]),
  };
}

export async function listInstruments(
  db: Db,
  registry: InstrumentRegistry,
  ownerId: string,
): Promise<InstrumentSummary[]> {
  const own = await listOwnInstruments(db, ownerId);
  const uploads = await Promise.all(
    own.map(async (row) =>
      summarise(
        defined(await resolveInstrument(db, registry, row.id, row.version), "an uploaded instrument resolves"),
        false,
        row.createdAt,
      ),
    ),
  );
  const fallback = registry.latest(DEFAULT_INSTRUMENT_ID);
  return [...registry.all().map((i) => summarise(i, true, null, i === fallback)), ...uploads];
}

/** A refused upload: every problem, each with where it is and a sentence in Dutch and English. */
const invalid = (problems: readonly InstrumentProblem[]) =>
  new ApiError(
    400,
    "invalid_instrument",
    `The instrument is not valid (${problems.length} ${problems.length === 1 ? "problem" : "problems"}): ${problems.map((p) => problemSentence(p, "en")).join(" ")}`,
    problems.map((p) => ({
      path: p.item ?? p.path ?? "instrument",
      message: problemSentence(p, "en"),
      code: p.code,
      text: problemTexts(p),
    })),
  );

/** Validates and stores an upload as the next version of its id, owned by the uploading consultant. */
export async function uploadInstrument(
  db: Db,
  registry: InstrumentRegistry,
  ownerId: string,
  json: Record<string, unknown>,
): Promise<InstrumentSummary> {
  const id = json.instrumentId;
  const validId = typeof id === "string" && /^[a-z0-9-]{1,64}$/.test(id);
  let version = 1;
  if (validId) {
    if (registry.latest(id))
      throw new ApiError(
        409,
        "instrument_id_reserved",
        `"${id}" is a built-in instrument; choose another instrumentId.`,
      );
    const owner = await instrumentOwner(db, id);
    if (owner && owner.ownerId !== ownerId)
      throw new ApiError(409, "instrument_id_taken", `"${id}" is already in use; choose another instrumentId.`);
    version = (owner?.latest ?? 0) + 1;
  }
  // A bad id is one problem among the others: the rest is checked under a stand-in id.
  const prepared = { ...json, instrumentId: validId ? id : "upload", instrumentVersion: version };
  const { instrument, problems } = checkUpload(prepared);
  if (!validId) problems.unshift({ code: "instrument_id", path: "instrumentId" });
  if (!instrument || problems.length > 0) throw invalid(problems);
  try {
    await insertInstrument(db, { id: id as string, version, ownerId, json: prepared });
  } catch {
    // Another upload of the same id took this version number first.
    throw new ApiError(
      409,
      "version_conflict",
      "Another version of this instrument was stored at the same moment; upload again.",
    );
  }
  return summarise(instrument, false, null);
}

/** The instrument a consultant may pin for a new campaign: built-in or their own; latest version unless given. */
export async function instrumentForCampaign(
  db: Db,
  registry: InstrumentRegistry,
  ownerId: string,
  choice: { id: string; version?: number | undefined },
): Promise<Instrument> {
  const notAvailable = () =>
    new ApiError(
      400,
      "unknown_instrument",
      `Instrument "${choice.id}"${choice.version ? ` version ${choice.version}` : ""} is not available.`,
      [{ path: "instrument", message: "unknown" }],
    );
  if (registry.latest(choice.id)) {
    const builtin = choice.version ? registry.get(choice.id, choice.version) : registry.latest(choice.id);
    if (!builtin) throw notAvailable();
    return builtin;
  }
  const owner = await instrumentOwner(db, choice.id);
  if (!owner || owner.ownerId !== ownerId) throw notAvailable();
  const instrument = await resolveInstrument(db, registry, choice.id, choice.version ?? owner.latest);
  if (!instrument) throw notAvailable();
  return instrument;
}
