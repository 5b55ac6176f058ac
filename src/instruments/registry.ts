/**
 * The instruments a campaign can pin, by id and version. Built-in instruments are imported
 * JSON, validated once at start-up: a broken instrument stops the server with the item named.
 */
import customerCentricityV1 from "../../surveys/customer-centricity-v1.json" with { type: "json" };
import customerCentricityV2 from "../../surveys/customer-centricity-v2.json" with { type: "json" };
import customerCentricityV3 from "../../surveys/customer-centricity-v3.json" with { type: "json" };
import customerCentricityV4 from "../../surveys/customer-centricity-v4.json" with { type: "json" };
import { type Instrument, loadInstrument } from "./instrument.js";

export interface InstrumentRegistry {
  get(id: string, version: number): Instrument | undefined;
  /** The version a round gets when it names none: the default version if one is set, else the highest. */
  latest(id: string): Instrument | undefined;
  all(): readonly Instrument[];
}

export const DEFAULT_INSTRUMENT_ID = "customer-centricity";

/**
 * The version new rounds, the demo and the CLI get when they name none: version 4 (#24). Versions
 * 1–3 stay installed, and a round pinned to one keeps it.
 */
const DEFAULT_VERSIONS: Readonly<Record<string, number>> = { [DEFAULT_INSTRUMENT_ID]: 4 };

export function createInstrumentRegistry(
  // Every published version stays installed: a campaign keeps the version it pinned.
  jsons: readonly Record<string, unknown>[] = [
    customerCentricityV1,
    customerCentricityV2,
    customerCentricityV3,
    customerCentricityV4,
  ] as Record<string, unknown>[],
): InstrumentRegistry {
  const all = jsons.map((json) => loadInstrument(json));
  const get = (id: string, version: number | undefined) => all.find((i) => i.id === id && i.version === version);
  return {
    get,
    latest: (id) =>
      get(id, DEFAULT_VERSIONS[id]) ??
      all
        .filter((i) => i.id === id)
        .reduce<Instrument | undefined>((best, i) => (!best || i.version > best.version ? i : best), undefined),
    all: () => all,
  };
}
