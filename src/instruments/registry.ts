/**
 * The instruments a campaign can pin, by id and version. Built-in instruments are imported
 * JSON, validated once at start-up: a broken instrument stops the server with the item named.
 */
import customerCentricityV1 from "../../surveys/customer-centricity-v1.json" with { type: "json" };
import customerCentricityV2 from "../../surveys/customer-centricity-v2.json" with { type: "json" };
import customerCentricityV3 from "../../surveys/customer-centricity-v3.json" with { type: "json" };
import { type Instrument, loadInstrument } from "./instrument.js";

export interface InstrumentRegistry {
  get(id: string, version: number): Instrument | undefined;
  latest(id: string): Instrument | undefined;
  all(): readonly Instrument[];
}

export const DEFAULT_INSTRUMENT_ID = "customer-centricity";

export function createInstrumentRegistry(
  // Every published version stays installed: a campaign keeps the version it pinned.
  jsons: readonly Record<string, unknown>[] = [
    customerCentricityV1,
    customerCentricityV2,
    customerCentricityV3,
  ] as Record<string, unknown>[],
): InstrumentRegistry {
  const all = jsons.map((json) => loadInstrument(json));
  return {
    get: (id, version) => all.find((i) => i.id === id && i.version === version),
    latest: (id) =>
      all
        .filter((i) => i.id === id)
        .reduce<Instrument | undefined>((best, i) => (!best || i.version > best.version ? i : best), undefined),
    all: () => all,
  };
}
