/**
 * An existing database from before releases: its closed round gets a release, scored from the
 * answers it stored as JSON; its running round shows participation only and keeps taking answers.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createInstrumentRegistry, DEFAULT_INSTRUMENT_ID } from "../../src/instruments/registry.js";
import { MIGRATIONS_FOLDER, openDatabase, type OpenedDatabase } from "../../src/node/open-database.js";
import { participation } from "../../src/services/participation.js";
import { releaseDue } from "../../src/services/release.js";
import { openCampaignOf, submitResponse } from "../../src/services/respondent.js";
import { findCampaignById } from "../../src/storage/campaigns.js";
import { findRelease } from "../../src/storage/releases.js";
import { expectReleaseConsistent } from "../helpers/integrity.js";
import { validAnswers } from "../helpers/test-app.js";

const instruments = createInstrumentRegistry();
const instrument = instruments.latest(DEFAULT_INSTRUMENT_ID)!;
let dir: string;
let opened: OpenedDatabase;

/** The migrations up to and including `last`, as a folder the migrator can read. */
function migrationsUpTo(last: number): string {
  const folder = join(dir, "old-migrations");
  mkdirSync(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  for (const e of journal.entries) cpSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify(journal));
  return folder;
}

const campaignRow = (id: string, status: string, closesOn: string | null) => ({
  sql: `insert into campaigns (id, organisation_id, title, instrument_id, instrument_version, status, closes_on, token, k, k_comments, units, settings)
        values (?, 'org', ?, ?, ?, ?, ?, ?, 3, 10, ?, '{}')`,
  args: [
    id,
    `Round ${id}`,
    instrument.id,
    instrument.version,
    status,
    closesOn,
    `token-${id}`,
    JSON.stringify({
      department: [
        { value: "Sales", label: { nl: "Sales", en: "Sales" } },
        { value: "Service", label: { nl: "Service", en: "Service" } },
      ],
    }),
  ],
});

/** Valid answers for rounds grouped by department only. */
function departmentOnly(rating: number, department: string): Record<string, unknown> {
  const { role: _role, tenure: _tenure, ...answers } = validAnswers(instrument, rating);
  return { ...answers, department };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cc-migrate-"));
  const url = `file:${join(dir, "app.db")}`;
  // The schema as the last release before this change left it, with data in it.
  const client = createClient({ url });
  await migrate(drizzle(client), { migrationsFolder: migrationsUpTo(3) });
  await client.execute("insert into organisations (id, name) values ('org', 'Old BV')");
  for (const row of [
    campaignRow("old", "closed", "2025-03-28"),
    campaignRow("due", "open", "2026-01-31"),
    campaignRow("live", "open", null),
  ])
    await client.execute(row);
  let i = 0;
  for (const campaign of ["old", "due", "live"]) {
    for (let n = 0; n < 7; n++, i++) {
      const answers = departmentOnly(1 + (i % 5), n % 2 ? "Sales" : "Service");
      await client.execute({
        sql: "insert into responses (id, campaign_id, submitted_on, instrument_version, department, role, tenure, answers, comment, comment_order) values (?, ?, '2025-03-10', ?, ?, '', '', ?, ?, ?)",
        args: [
          crypto.randomUUID(),
          campaign,
          instrument.version,
          String(answers.department),
          JSON.stringify(answers),
          n < 2 ? `old comment ${n}` : null,
          n < 2 ? crypto.randomUUID() : null,
        ],
      });
    }
  }
  client.close();
  opened = await openDatabase(url);
});
afterAll(() => {
  opened?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("migrating a database from before releases", () => {
  it("keeps every response, and releases the rounds that are closed or past their closing date", async () => {
    const count = await opened.client.execute(
      "select campaign_id, count(*) as n from responses group by campaign_id order by campaign_id",
    );
    expect(count.rows.map((r) => [r.campaign_id, Number(r.n)])).toEqual([
      ["due", 7],
      ["live", 7],
      ["old", 7],
    ]);
    const { released, failed } = await releaseDue({ db: opened.db, instruments }, new Date("2026-03-10T12:00:00Z"));
    expect(failed).toEqual([]);
    expect(released.map((r) => r.campaignId).sort()).toEqual(["due", "old"]);
    for (const id of ["old", "due"]) expect(await expectReleaseConsistent(opened.client, instrument, id)).toBe(7);
    expect((await findCampaignById(opened.db, "due"))!.status).toBe("closed");
    expect(await findRelease(opened.db, "live")).toBeUndefined();
  });

  it("lets the running round go on: participation only, and new answers in the new form", async () => {
    const live = (await findCampaignById(opened.db, "live"))!;
    const today = new Date("2026-03-10T12:00:00Z");
    expect(
      await submitResponse(
        opened.db,
        openCampaignOf(live, instrument),
        { submissionId: crypto.randomUUID(), answers: departmentOnly(4, "Sales") },
        today,
      ),
    ).toBe("stored");
    const p = await participation({ db: opened.db, now: () => today }, live, {
      id: "consultant",
      email: "c@test",
      role: "consultant",
    });
    expect(p).toMatchObject({ status: "open", released: false, respondents: 8 });
    // Old rows keep their JSON; the new one is stored in the scored form only.
    const forms = await opened.client.execute(
      "select answers is null as compact, count(*) as n from responses where campaign_id = 'live' group by 1 order by 1",
    );
    expect(forms.rows.map((r) => [Number(r.compact), Number(r.n)])).toEqual([
      [0, 7],
      [1, 1],
    ]);
  });
});
