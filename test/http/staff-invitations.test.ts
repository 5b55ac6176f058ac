/**
 * Staff invited by e-mail through a real SMTP server: 50 addresses get 50 mails with working links,
 * 20 answer through them, a reminder reaches exactly the other 30 (or, without tracking, all 50 with
 * a thank-you), participation moves, and after closing no row holds an address or a code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Campaign, campaignDefaults } from "../../src/domain/campaign.js";
import { hashPassword } from "../../src/lib/password.js";
import { smtpMailer } from "../../src/node/smtp-mailer.js";
import { createUser } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { type ReceivedMail, startSmtpServer } from "../helpers/smtp.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: ReturnType<typeof smtpMailer>;
let consultant = "";
let otherConsultant = "";
let orgId = "";
const PUBLIC_URL = "https://enquete.example.test";
const same = { origin: "http://localhost" };
const SECRET = "test-invitation-key-secret-0123456789abcdef";
const staff = (prefix: string, n = 50) => Array.from({ length: n }, (_, i) => `${prefix}.medewerker${i}@linde.test`);

beforeAll(async () => {
  smtp = await startSmtpServer();
  mailer = smtpMailer(smtp.url, "Klantgericht <noreply@klantgericht.test>");
  t = await createTestApp({ deps: { mailer, publicUrl: PUBLIC_URL, invitationKeySecret: SECRET } });
  const c = await createUser(
    t.db,
    "adviseur@consult.test",
    await hashPassword("consultant-pw-kraanvogel"),
    "consultant",
  );
  const o = await createUser(t.db, "ander@consult.test", await hashPassword("consultant-pw-zeemeeuw-9"), "consultant");
  orgId = (await createOrganisation(t.db, "Woonstichting De Linde", c.id)).id;
  await createOrganisation(t.db, "Ander bureau", o.id);
  consultant = await loginCookie(t.app, "adviseur@consult.test", "consultant-pw-kraanvogel");
  otherConsultant = await loginCookie(t.app, "ander@consult.test", "consultant-pw-zeemeeuw-9");
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await t.close();
});

const newRound = (title: string): Promise<Campaign> =>
  createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales", "Service"]),
    organisationId: orgId,
    title,
    closesOn: "2026-03-31",
  });

const invite = (campaign: Campaign, body: Record<string, unknown>, cookie = consultant) =>
  postJson(t.app, `/api/campaigns/${campaign.id}/staff-invitations`, body, { cookie, ...same });
const remind = (campaign: Campaign, list: string, cookie = consultant) =>
  postJson(t.app, `/api/campaigns/${campaign.id}/staff-reminders`, { list }, { cookie, ...same });

function codeLink(mail: ReceivedMail, campaign: Campaign): { link: string; code: string } {
  const match = mail.text.match(new RegExp(`${PUBLIC_URL}/s/${campaign.token}#code=([0-9A-Z-]+)`));
  if (!match) throw new Error(`no personal link in:\n${mail.text}`);
  return { link: match[0], code: decodeURIComponent(match[1]!) };
}

async function answer(campaign: Campaign, code: string, department = "Sales"): Promise<number> {
  const check = await postJson(t.app, `/api/s/${campaign.token}/access-code`, { accessCode: code });
  expect(check.status).toBeLessThan(300);
  return (
    await postJson(t.app, `/api/s/${campaign.token}/responses`, {
      submissionId: crypto.randomUUID(),
      answers: { ...validAnswers(t.instrument), department },
      accessCode: code,
    })
  ).status;
}

async function respondents(campaign: Campaign): Promise<number> {
  t.clock.now = new Date(t.clock.now.getTime() + 31_000); // live counts are refreshed at most every 30 s
  const res = await t.app.request(`/api/campaigns/${campaign.id}/participation`, { headers: { cookie: consultant } });
  return (await res.json()).respondents;
}

async function dump(): Promise<string> {
  const tables = (await t.client.execute("select name from sqlite_master where type = 'table'")).rows.map((r) =>
    String(r.name),
  );
  expect(tables).toEqual(
    expect.arrayContaining(["staff_invitations", "staff_invitation_rounds", "access_codes", "responses"]),
  );
  return JSON.stringify(
    await Promise.all(tables.map(async (table) => (await t.client.execute(`select * from "${table}"`)).rows)),
  ).toLowerCase();
}

const mailsTo = (address: string, containing = "") =>
  smtp.mails.filter((m) => m.to.includes(address) && m.text.includes(containing));

describe("staff invitations, reminders mode", () => {
  it("50 mails with working links; 20 answer; a reminder reaches exactly the other 30; nothing of them after closing", async () => {
    const round = await newRound("Ronde herinneringen");
    const addresses = staff("r");
    // A pasted list with noise: a header-less CSV would do too; here, case, blanks, a duplicate and a bad line.
    const list = [
      ...addresses.map((a, i) => (i % 7 === 0 ? `  ${a.toUpperCase()} ` : a)),
      "",
      addresses[3],
      "geen adres",
    ].join("\n");
    const res = await invite(round, { mode: "reminders", languages: "both", list });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.counts).toMatchObject({ addresses: 50, sent: 50, failed: 0, invalid: 1, duplicates: 1 });
    expect(body.invalidLines).toEqual([53]);
    expect(JSON.stringify(body)).not.toContain("@");

    const links = new Map<string, string>();
    for (const a of addresses) {
      const mail = await smtp.waitFor(a);
      expect(mail.text).toContain("Woonstichting De Linde");
      expect(mail.text).toContain("31 maart 2026");
      expect(mail.text).toContain("never linked to your answers");
      links.set(a, codeLink(mail, round).code);
    }
    expect(new Set(links.values()).size).toBe(50);
    expect(await respondents(round)).toBe(0);
    for (const a of addresses.slice(0, 20))
      expect(await answer(round, links.get(a)!, Number(a.match(/\d+/)![0]) % 2 ? "Sales" : "Service")).toBe(201);
    expect(await respondents(round)).toBe(20);

    const summary = await (
      await t.app.request(`/api/campaigns/${round.id}/staff-invitations`, { headers: { cookie: consultant } })
    ).json();
    expect(summary).toEqual({
      mailConfigured: true,
      invitations: {
        mode: "reminders",
        languages: "both",
        invited: 50,
        reminderRuns: 0,
        remindersSent: 0,
        maxReminders: 2,
      },
    });

    // A part of the list is refused: a reminder for a few would tell whether those few answered.
    const partial = await remind(round, addresses.slice(20, 25).join("\n"));
    expect(partial.status).toBe(422);
    expect((await partial.json()).error.code).toBe("incomplete_list");

    const before = smtp.mails.length;
    const reminded = await remind(round, [...addresses, "nooit.uitgenodigd@linde.test"].join("\n"));
    expect(reminded.status).toBe(200);
    expect((await reminded.json()).counts).toMatchObject({
      addresses: 51,
      sent: 30,
      failed: 0,
      notInvited: 1,
      answered: 20,
      limitReached: 0,
    });
    for (const a of addresses.slice(20)) {
      const mail = await smtp.waitFor(a, 1, "Herinnering");
      expect(codeLink(mail, round).code).toBe(links.get(a)); // the same personal link
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails.length - before).toBe(30);
    for (const a of addresses.slice(0, 20)) expect(mailsTo(a, "Herinnering")).toHaveLength(0);
    expect(mailsTo("nooit.uitgenodigd@linde.test")).toHaveLength(0);

    // A reminder's link works too; the maximum holds.
    expect(await answer(round, links.get(addresses[20]!)!)).toBe(201);
    expect((await (await remind(round, addresses.join("\n"))).json()).counts).toMatchObject({ sent: 29, answered: 21 });
    expect((await (await remind(round, addresses.join("\n"))).json()).counts).toMatchObject({
      sent: 0,
      answered: 21,
      limitReached: 29,
    });
    expect(await respondents(round)).toBe(21);

    // While it runs the table holds keys, never an address or a code.
    const running = await dump();
    for (const a of addresses) expect(running).not.toContain(a);
    for (const code of links.values()) expect(running).not.toContain(code.toLowerCase());
    expect(
      (
        await t.client.execute({
          sql: "select count(*) as n from staff_invitations where campaign_id = ?",
          args: [round.id],
        })
      ).rows[0]!.n,
    ).toBe(50);
    // The response never carries the code or anything derived from it.
    const responseCols = (await t.client.execute("select name from pragma_table_info('responses')")).rows.map((r) =>
      String(r.name),
    );
    expect(responseCols.some((c) => /code/.test(c))).toBe(false);

    const closed = await postJson(t.app, `/api/campaigns/${round.id}/close`, {}, { cookie: consultant, ...same });
    expect(closed.status).toBe(200);
    expect(
      (
        await t.client.execute({
          sql: "select count(*) as n from staff_invitations where campaign_id = ?",
          args: [round.id],
        })
      ).rows[0]!.n,
    ).toBe(0);
    const after = await dump();
    for (const a of addresses) expect(after).not.toContain(a);
    for (const code of links.values()) expect(after).not.toContain(code.toLowerCase());
    // Never after closing.
    const late = await remind(round, addresses.join("\n"));
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe("campaign_closed");
  });
});

describe("staff invitations, no tracking", () => {
  it("keeps nothing per address; a reminder goes to all 50 with a thank-you and no code", async () => {
    const round = await newRound("Ronde zonder bijhouden");
    const addresses = staff("n");
    const csv = `naam;e-mail\n${addresses.map((a, i) => `Medewerker ${i};${a}`).join("\n")}\n`;
    const res = await invite(round, { mode: "no_tracking", languages: "nl", list: csv });
    expect(res.status).toBe(200);
    expect((await res.json()).counts).toMatchObject({ addresses: 50, sent: 50, failed: 0, invalid: 0, duplicates: 0 });
    expect(
      (
        await t.client.execute({
          sql: "select count(*) as n from staff_invitations where campaign_id = ?",
          args: [round.id],
        })
      ).rows[0]!.n,
    ).toBe(0);
    const codes = new Map<string, string>();
    for (const a of addresses) {
      const mail = await smtp.waitFor(a);
      expect(mail.text).not.toContain("invites you");
      codes.set(a, codeLink(mail, round).code);
    }
    for (const a of addresses.slice(0, 20)) expect(await answer(round, codes.get(a)!)).toBe(201);
    expect(await respondents(round)).toBe(20);
    const reminded = await remind(round, addresses.join("\n"));
    expect(reminded.status).toBe(200);
    expect((await reminded.json()).counts).toMatchObject({ addresses: 50, sent: 50, failed: 0 });
    for (const a of addresses) {
      const mail = await smtp.waitFor(a, 1, "Herinnering");
      expect(mail.text).toContain("Dank je wel");
      expect(mail.text).not.toContain("#code=");
    }
    // Mode is fixed per round; the maximum number of runs holds.
    expect((await (await invite(round, { mode: "reminders", list: "x@linde.test" })).json()).error.code).toBe(
      "mode_fixed",
    );
    expect((await remind(round, addresses.join("\n"))).status).toBe(200);
    const third = await remind(round, addresses.join("\n"));
    expect(third.status).toBe(409);
    expect((await third.json()).error.code).toBe("reminder_limit");
    const text = await dump();
    for (const a of addresses) expect(text).not.toContain(a);
  });
});

describe("refusals", () => {
  it("bad input is a 4xx and writes nothing; another organisation's round is 404; managers 403", async () => {
    const round = await newRound("Ronde fouten");
    const countRows = async () =>
      (
        await t.client.execute({
          sql: "select (select count(*) from access_codes where campaign_id = ?1) + (select count(*) from staff_invitation_rounds where campaign_id = ?1) + (select count(*) from staff_invitations where campaign_id = ?1) as n",
          args: [round.id],
        })
      ).rows[0]!.n;
    const sentBefore = smtp.mails.length;
    for (const [body, status, code] of [
      [{ mode: "reminders", list: "" }, 400, "no_addresses"],
      [{ mode: "reminders", list: "geen\nadressen" }, 400, "no_addresses"],
      [{ mode: "sometimes", list: "a@b.nl" }, 400, "invalid_request"],
      [{ mode: "reminders", list: "a@b.nl", extra: 1 }, 400, "invalid_request"],
      [{ mode: "reminders", list: "a@b.nl", maxReminders: 9 }, 400, "invalid_request"],
      [{ mode: "reminders", list: staff("x", 1001).join("\n") }, 400, "too_many_addresses"],
    ] as const) {
      const res = await invite(round, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
    expect((await remind(round, "a@b.nl")).status).toBe(409); // nobody invited
    const other = await invite(round, { mode: "reminders", list: "a@b.nl" }, otherConsultant);
    expect(other.status).toBe(404);
    expect(
      (await t.app.request(`/api/campaigns/${round.id}/staff-invitations`, { headers: { cookie: otherConsultant } }))
        .status,
    ).toBe(404);
    expect((await remind(round, "a@b.nl", otherConsultant)).status).toBe(404);
    expect(await countRows()).toBe(0);
    expect(smtp.mails.length).toBe(sentBefore);

    // A round that took answers on the open link cannot start requiring codes.
    const open = await newRound("Ronde open link");
    expect(
      (
        await postJson(t.app, `/api/s/${open.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: validAnswers(t.instrument),
        })
      ).status,
    ).toBe(201);
    const late = await invite(open, { mode: "no_tracking", list: "a@b.nl" });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe("codes_after_responses");
  });

  it("without mail: 409 mail_not_configured, nothing written", async () => {
    const bare = await createTestApp();
    try {
      const c = await createUser(
        bare.db,
        "c@consult.test",
        await hashPassword("consultant-pw-kraanvogel"),
        "consultant",
      );
      const org = await createOrganisation(bare.db, "Zonder mail", c.id);
      const round = await createCampaign(bare.db, {
        ...campaignDefaults(bare.instrument, ["A", "B"]),
        organisationId: org.id,
        title: "R",
      });
      const cookie = await loginCookie(bare.app, "c@consult.test", "consultant-pw-kraanvogel");
      const res = await postJson(
        bare.app,
        `/api/campaigns/${round.id}/staff-invitations`,
        { mode: "reminders", list: "a@b.nl" },
        { cookie, ...same },
      );
      expect(res.status).toBe(409);
      expect((await res.json()).error.code).toBe("mail_not_configured");
      expect(
        (await (await bare.app.request(`/api/campaigns/${round.id}/staff-invitations`, { headers: { cookie } })).json())
          .mailConfigured,
      ).toBe(false);
      expect((await bare.client.execute("select count(*) as n from access_codes")).rows[0]!.n).toBe(0);
    } finally {
      await bare.close();
    }
  });
});
