/**
 * The diagnosis as a client meets it: answers generated from the calibration's scenarios
 * (test/helpers/diagnosis-scenarios.ts) are sent through the public survey API, the round is
 * closed, and the report is read — its verdicts must be the rule's on those answers, and its level
 * scores their definition (the mean of respondents' level means) recomputed from what was sent.
 */
import seedrandom from "seedrandom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { isCareless } from "../../src/domain/careless.js";
import { LEVEL_IDS } from "../../src/domain/levels.js";
import { reverseCode, scoreResponse } from "../../src/domain/scoring.js";
import { createOrganisation } from "../../src/storage/campaigns.js";
import { type ScenarioName, SCENARIOS } from "../helpers/diagnosis-scenarios.js";
import { accountCookie, sender } from "../helpers/fixtures.js";
import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let consultant: string;
let organisationId: string;
let send: ReturnType<typeof sender>;

beforeAll(async () => {
  t = await createTestApp({ deps: { submissionsPerHour: 100_000 } });
  const account = await accountCookie(t, "c@diagnosis.test", "consultant");
  consultant = account.cookie;
  organisationId = (await createOrganisation(t.db, "Simulatie", account.id)).id;
  send = sender(t);
});
afterAll(() => t.close());

/** A round answered by n respondents of the scenario through the survey API, closed, and its report. */
async function roundOf(name: ScenarioName, n: number, seed: string) {
  const campaign = await t.addCampaign({ organisationId });
  const random = seedrandom(seed);
  const respondent = SCENARIOS[name](random);
  const sent: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const scored = respondent(t.instrument.key, random);
    const answers = validAnswers(t.instrument);
    for (const item of t.instrument.key.items)
      answers[item.name] = item.reverse ? reverseCode(scored[item.name]!) : scored[item.name]!;
    const res = await postJson(t.app, `/api/s/${campaign.token}/responses`, {
      submissionId: crypto.randomUUID(),
      answers,
    });
    expect(res.status).toBe(201);
    sent.push(answers);
  }
  expect((await send("POST", `/api/campaigns/${campaign.id}/close`, consultant, {})).status).toBe(200);
  const report = await send("GET", `/api/campaigns/${campaign.id}/report`, consultant);
  expect(report.status).toBe(200);
  return { report: report.body, sent, campaignId: campaign.id };
}

/** Each level's score (0–100) recomputed from the answers sent: the mean of respondents' level means. */
function expectedScores(sent: readonly Record<string, unknown>[]) {
  return Object.fromEntries(
    LEVEL_IDS.map((level) => {
      const means = sent.flatMap((a) => {
        const s = scoreResponse(t.instrument.key, a as never).levels[level];
        return s ? [s.mean] : [];
      });
      return [level, ((means.reduce((x, y) => x + y, 0) / means.length - 1) / 4) * 100];
    }),
  );
}

describe("the diagnosis through the survey API", () => {
  it("seed 001: values in two camps above weak skills — the report starts at values, and every score is its definition", async () => {
    const { report, sent } = await roundOf("seed001", 100, "api seed 001");
    const levels = new Map(report.levels.map((l: { id: string }) => [l.id, l]));
    const values = levels.get("values") as { divided: boolean; camps: { lowPct: number; highPct: number } };
    expect(values.divided).toBe(true);
    expect(values.camps.lowPct).toBeGreaterThanOrEqual(20);
    expect((levels.get("skills") as { weak: boolean }).weak).toBe(true);
    expect(report.startHere).toMatchObject({ level: "values", basis: "flagged", noPick: null });
    const scores = expectedScores(sent);
    // Published to one decimal: within half a unit of the last place of the exact figure.
    const close = (published: number, exact: number) => Math.abs(published - exact) <= 0.05 + 1e-9;
    for (const l of report.levels as { id: string; score: number; n: number }[]) {
      expect(close(l.score, scores[l.id]!), `${l.id}: ${l.score} against ${scores[l.id]}`).toBe(true);
      expect(l.n).toBe(100);
    }
    // Every item: its score, and its shares of agreeing (4–5) and disagreeing (1–2) answers.
    const scored = sent.map((a) => scoreResponse(t.instrument.key, a as never).values);
    for (const item of report.items as {
      name: string;
      score: number;
      favourablePct: number;
      unfavourablePct: number;
    }[]) {
      const xs = scored.map((v) => v[item.name]!);
      const share = (test: (x: number) => boolean) => (xs.filter(test).length / xs.length) * 100;
      expect(close(item.score, ((xs.reduce((a, b) => a + b, 0) / xs.length - 1) / 4) * 100), item.name).toBe(true);
      expect(
        close(
          item.favourablePct,
          share((x) => x >= 4),
        ),
        item.name,
      ).toBe(true);
      expect(
        close(
          item.unfavourablePct,
          share((x) => x <= 2),
        ),
        item.name,
      ).toBe(true);
    }
    expect(report.items.length).toBeGreaterThan(20);
  });

  it("random answers: nothing is called weak or divided, the report says no level was measured reliably, and the consultant sees how many answered carelessly", async () => {
    const { report, sent, campaignId } = await roundOf("flat", 40, "api flat");
    const quality = await send("GET", `/api/campaigns/${campaignId}/quality`, consultant);
    const careless = sent.filter((a) =>
      isCareless(t.instrument.key, scoreResponse(t.instrument.key, a as never).values),
    );
    expect(careless.length).toBeGreaterThan(0);
    expect(quality.body.careless).toEqual({ count: careless.length, n: 40 });
    for (const l of report.levels) expect([l.id, l.weak, l.divided]).toEqual([l.id, false, false]);
    expect(report.levels.filter((l: { reliable: boolean }) => l.reliable).length).toBeLessThanOrEqual(1);
    expect(report.startHere.level).toBeNull();
    expect(report.startHere.noPick).toBe("unreliable");
    expect(report.startHere.explanation.nl).toMatch(/^Geen duidelijk beginpunt/);
    for (const l of report.levels.filter((x: { reliable: boolean }) => !x.reliable))
      expect(l.note.nl).toMatch(/^Niet betrouwbaar gemeten/);
  });

  it("a healthy round of 10: no clear starting point, because 10 are too few for anything but a flag", async () => {
    const { report } = await roundOf("healthy", 10, "api healthy");
    expect(report.startHere).toMatchObject({ level: null, basis: "none", noPick: "too_few", indicative: true });
  });
});
