/**
 * The native submission writer (node/submission-writer.ts) against drizzle's view insert, on files
 * of their own: the same submission leaves the same rows behind (every column in its place), and
 * each refusal — a closed round, an unknown code, a used code, a repeated receipt — comes out the
 * same through storeResponse.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { afterAll, describe, expect, it } from "vitest";

import { campaignDefaults } from "../../src/domain/campaign.js";
import { createInstrumentRegistry, DEFAULT_INSTRUMENT_ID } from "../../src/instruments/registry.js";
import { openDatabase, type OpenedDatabase } from "../../src/node/open-database.js";
import { codeHash, issueCodes } from "../../src/services/access-codes.js";
import { createCampaign, createOrganisation, setCampaignStatus } from "../../src/storage/campaigns.js";
import { type Db, schema } from "../../src/storage/database.js";
import { type NewResponse, storeResponse } from "../../src/storage/responses.js";

const instrument = createInstrumentRegistry().latest(DEFAULT_INSTRUMENT_ID)!;
const dir = mkdtempSync(join(tmpdir(), "cc-writer-"));
const opened: OpenedDatabase[] = [];
afterAll(() => {
  for (const o of opened) o.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A database through openDatabase (the native writer), or the same file's client through plain drizzle. */
async function database(name: string, native: boolean): Promise<{ db: Db; client: Client }> {
  const o = await openDatabase(`file:${join(dir, `${name}.db`)}`);
  opened.push(o);
  return { db: native ? o.db : (drizzle(o.client, { schema }) as unknown as Db), client: o.client };
}

/** What each table holds for the campaign, without the random response id. */
async function rows(client: Client, campaignId: string) {
  const read = async (sql: string) => (await client.execute({ sql, args: [campaignId] })).rows.map((r) => ({ ...r }));
  return {
    responses: await read(
      "select campaign_id, submitted_on, instrument_version, department, role, tenure, scores, comment from responses where campaign_id = ? order by scores",
    ),
    receipts: await read("select key_hash from receipts where campaign_id = ? order by key_hash"),
    codes: await read("select used from access_codes where campaign_id = ? order by used"),
  };
}

async function scenario(native: boolean) {
  const { db, client } = await database(native ? "native" : "drizzle", native);
  const organisation = await createOrganisation(db, "Writer BV");
  const base = {
    ...campaignDefaults(instrument, ["Sales", "Service"]),
    organisationId: organisation.id,
    status: "open" as const,
  };
  const open = await createCampaign(db, { ...base, title: "Open" });
  const coded = await createCampaign(db, { ...base, title: "Coded" });
  const [code] = await issueCodes(db, coded, 2);
  const input = (campaignId: string, keyHash: string, extra: Partial<NewResponse> = {}): NewResponse => ({
    campaignId,
    instrumentVersion: instrument.version,
    keyHash,
    submittedOn: "2026-03-10",
    cell: { department: "Sales", role: "manager", tenure: "1-3" },
    scores: `{"v":"${keyHash}"}`,
    comment: keyHash === "a" ? "Meer ruimte" : null,
    ...extra,
  });
  const results = [
    await storeResponse(db, input(open.id, "a")),
    await storeResponse(db, input(open.id, "b")),
    await storeResponse(db, input(open.id, "a")),
    await storeResponse(db, input(coded.id, "c", { accessCodeHash: codeHash(coded.id, code!) })),
    await storeResponse(db, input(coded.id, "d", { accessCodeHash: codeHash(coded.id, code!) })),
    await storeResponse(db, input(coded.id, "e", { accessCodeHash: codeHash(coded.id, "NOTACODE") })),
  ];
  await setCampaignStatus(db, open.id, "closed");
  results.push(await storeResponse(db, input(open.id, "f")), await storeResponse(db, input(open.id, "b")));
  return { results, open: await rows(client, open.id), coded: await rows(client, coded.id) };
}

describe("the native submission writer", () => {
  it("is what openDatabase gives the embedded file: a submission makes no statement through the client", async () => {
    const o = await openDatabase(`file:${join(dir, "spied.db")}`);
    opened.push(o);
    const organisation = await createOrganisation(o.db, "Spied BV");
    const campaign = await createCampaign(o.db, {
      ...campaignDefaults(instrument, ["Sales"]),
      organisationId: organisation.id,
      title: "Spied",
      status: "open",
    });
    const execute = o.client.execute.bind(o.client);
    let throughClient = 0;
    o.client.execute = ((...args: Parameters<Client["execute"]>) => {
      throughClient++;
      return execute(...args);
    }) as Client["execute"];
    const stored = await storeResponse(o.db, {
      campaignId: campaign.id,
      instrumentVersion: instrument.version,
      keyHash: "spied",
      submittedOn: "2026-03-10",
      cell: { department: "Sales", role: "", tenure: "" },
      scores: '{"v":"1"}',
      comment: null,
    });
    o.client.execute = execute;
    expect(stored).toBe("stored");
    expect(throughClient).toBe(0);
    expect(Number((await o.client.execute("select count(*) as n from responses")).rows[0]!.n)).toBe(1);
  });

  it("uses the one copy of SQLite that @libsql/client uses: two copies on one file would not see each other's locks", () => {
    const fromClient = createRequire(createRequire(import.meta.url).resolve("@libsql/client")).resolve("libsql");
    expect(createRequire(import.meta.url).resolve("libsql")).toBe(fromClient);
  });

  it("stores and refuses exactly as drizzle's view insert does", async () => {
    const native = await scenario(true);
    const viaDrizzle = await scenario(false);
    expect(native.results).toEqual([
      "stored",
      "stored",
      "duplicate",
      "stored",
      "code_used",
      "code_unknown",
      "closed",
      "duplicate",
    ]);
    expect(native.results).toEqual(viaDrizzle.results);
    // Campaign ids differ between the two files: compare everything else.
    const strip = (r: Awaited<ReturnType<typeof rows>>) => ({
      ...r,
      responses: r.responses.map(({ campaign_id: _, ...rest }) => rest),
    });
    expect(strip(native.open)).toEqual(strip(viaDrizzle.open));
    expect(strip(native.coded)).toEqual(strip(viaDrizzle.coded));
    expect(native.open.responses).toHaveLength(2);
    expect(native.open.responses[0]).toMatchObject({
      department: "Sales",
      role: "manager",
      tenure: "1-3",
      comment: "Meer ruimte",
    });
    expect(native.coded.codes.map((c) => Number(c.used))).toEqual([0, 1]);
  });
});
