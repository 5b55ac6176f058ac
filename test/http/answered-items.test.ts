/**
 * Items some respondents left open, over HTTP (answered-items.ts): on a v4 round on codes an item that six
 * of twenty answered "n.v.t." is published over the fourteen who answered it, with figures equal to
 * their answers; an item only two left open stays unpublished, as does everything of those two.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { NOT_APPLICABLE } from "../../src/domain/scoring.js";
import type { Instrument } from "../../src/instruments/instrument.js";
import { hashPassword } from "../../src/lib/password.js";
import { issueCodes } from "../../src/services/access-codes.js";
import { createUser } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let v4: Instrument;
let cookie: string;
let report: Report;
/** skills_2's answers of those who answered it. */
const answeredSkills2: number[] = [];

interface Report {
  n: number;
  items: { name: string; n: number; score: number; favourablePct: number; unfavourablePct: number }[];
  reliability: { level: string; n: number }[];
}

/**
 * A v4 round of the consultant's, answered by `count` people (`adjust` changes the i-th one's
 * answers), closed, and its report as the consultant reads it. On codes unless `open`.
 */
async function releasedReport(
  title: string,
  count: number,
  adjust: (answers: Record<string, unknown>, i: number) => void,
  { open = false } = {},
): Promise<Report> {
  const organisation = await createOrganisation(t.db, title, consultantId);
  const campaign: Campaign = await createCampaign(t.db, {
    ...campaignDefaults(v4, ["Sales"]),
    organisationId: organisation.id,
    title,
    status: "open",
    requireCode: !open,
  });
  const codes = open ? [] : await issueCodes(t.db, campaign, count);
  for (let i = 0; i < count; i++) {
    const answers: Record<string, unknown> = { ...validAnswers(v4, 2 + (i % 4)), department: "Sales" };
    adjust(answers, i);
    const res = await postJson(t.app, `/api/s/${campaign.token}/responses`, {
      submissionId: crypto.randomUUID(),
      ...(open ? {} : { accessCode: codes[i] }),
      answers,
    });
    expect(res.status).toBe(201);
  }
  expect((await postJson(t.app, `/api/campaigns/${campaign.id}/close`, {}, { cookie })).status).toBe(200);
  return (
    await t.app.request(`/api/campaigns/${campaign.id}/report`, { headers: { cookie } })
  ).json() as Promise<Report>;
}

let consultantId = "";

beforeAll(async () => {
  t = await createTestApp();
  v4 = t.instruments.get("customer-centricity", 4)!;
  const item = (name: string) => v4.key.items.find((i) => i.name === name)!;
  // Both items offer "n.v.t." and are scored as they are asked.
  expect(item("skills_2").na && !item("skills_2").reverse).toBe(true);
  expect(item("context_3").na).toBe(true);
  consultantId = (await createUser(t.db, "c@answered.test", await hashPassword("answered-items-pw"), "consultant")).id;
  cookie = await loginCookie(t.app, "c@answered.test", "answered-items-pw");
  // On codes: an open link's k counts submissions, and publishes no item some left open (below).
  report = await releasedReport("v4 round", 20, (answers, i) => {
    answers.skills_2 = i < 6 ? NOT_APPLICABLE : 1 + (i % 5);
    if (i >= 6) answeredSkills2.push(answers.skills_2 as number);
    if (i === 7 || i === 12) answers.context_3 = NOT_APPLICABLE;
  });
});
afterAll(() => t.close());

describe("an item some answered 'n.v.t.'", () => {
  it("is published over those who answered it when they and those who did not are k or more", () => {
    const skills2 = report.items.find((i) => i.name === "skills_2");
    expect(report.n).toBe(20);
    expect(skills2?.n).toBe(answeredSkills2.length);
    const mean = answeredSkills2.reduce((a, b) => a + b, 0) / answeredSkills2.length;
    expect(skills2?.score).toBeCloseTo(((mean - 1) / 4) * 100, 1);
    const share = (test: (x: number) => boolean) =>
      Math.round((answeredSkills2.filter(test).length / answeredSkills2.length) * 1000) / 10;
    expect(skills2?.favourablePct).toBe(share((x) => x >= 4));
    expect(skills2?.unfavourablePct).toBe(share((x) => x <= 2));
  });

  it("stays unpublished when fewer than k left it open", () => {
    expect(report.items.some((i) => i.name === "context_3")).toBe(false);
    // Every other item is there, over everyone.
    const others = report.items.filter((i) => i.name !== "skills_2");
    expect(others.length).toBeGreaterThan(20);
    expect(others.every((i) => i.n === 20)).toBe(true);
  });

  it("leaves the level's reliability to those who answered all of its items, as before", () => {
    expect(report.reliability.find((r) => r.level === "skills")?.n).toBe(answeredSkills2.length);
  });
});

describe("an item some answered 'n.v.t.' on an open link", () => {
  it("is published nowhere: invented answers could pad its answerers up to k around one person", async () => {
    // An attacker's case: 19 answer n.v.t., Bob answers 5, and four invented responses answer 1.
    const seen = await releasedReport(
      "open link",
      24,
      (answers, i) => {
        answers.skills_2 = i < 19 ? NOT_APPLICABLE : i === 19 ? 5 : 1;
      },
      { open: true },
    );
    expect(seen.n).toBe(24);
    expect(seen.items.length).toBeGreaterThan(20);
    expect(seen.items.some((i) => i.name === "skills_2")).toBe(false);
  });
});
