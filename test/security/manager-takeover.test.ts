/**
 * The account takeover the old managers route allowed: consultant B "adds" the address of client
 * A's director with a password B chose; when consultant A later adds the same address, the account
 * was attached silently with B's password, and B logged in as the director and read A's client.
 * Here B tries every way the API offers; whatever route the app has, B must end up unable to log
 * in as the director, and A's client stays 404 to B. (On the code before invitations this fails:
 * B logs in as the director.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { campaignDefaults } from "../../src/domain/campaign.js";
import { hashPassword, verifyPassword } from "../../src/lib/password.js";
import { smtpMailer } from "../../src/node/smtp-mailer.js";
import { createUser, findUserByEmail } from "../../src/storage/accounts.js";
import { createCampaign, createOrganisation } from "../../src/storage/campaigns.js";
import { linkIn, startSmtpServer } from "../helpers/smtp.js";
import { createTestApp, loginCookie, postJson, type TestApp, tokenOf } from "../helpers/test-app.js";

const DIRECTOR = "directeur@klant-a.test";
const B_PASSWORD = "gekozen-door-b-kwal-2026";
const DIRECTOR_PASSWORD = "eigen-keuze-reiger-zwaan-8";
const PASSWORD = "consultant-pw-kraanvogel";
const same = { origin: "http://localhost" };

async function twoConsultants(t: TestApp) {
  const a = await createUser(t.db, "a@consult.test", await hashPassword(PASSWORD), "consultant");
  const b = await createUser(t.db, "b@consult.test", await hashPassword(PASSWORD), "consultant");
  const orgA = await createOrganisation(t.db, "Klant A", a.id);
  const orgB = await createOrganisation(t.db, "Lokaas B", b.id);
  const round = await createCampaign(t.db, {
    ...campaignDefaults(t.instrument, ["Sales"]),
    organisationId: orgA.id,
    title: "Klant A 2026",
  });
  return {
    orgA,
    orgB,
    round,
    asA: await loginCookie(t.app, "a@consult.test", PASSWORD),
    asB: await loginCookie(t.app, "b@consult.test", PASSWORD),
  };
}

/** Whether the password logs in as the director, and if so whether that session reads A's round. */
async function bReadsA(t: TestApp, roundId: string): Promise<{ login: number; round?: number }> {
  const login = await postJson(t.app, "/api/auth/login", { email: DIRECTOR, password: B_PASSWORD }, same);
  if (login.status !== 200) return { login: login.status };
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  return { login: 200, round: (await t.app.request(`/api/campaigns/${roundId}`, { headers: { cookie } })).status };
}

describe("two consultants and one director's address", () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: ReturnType<typeof smtpMailer>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    mailer = smtpMailer(smtp.url, "noreply@klantgericht.test");
    t = await createTestApp({ deps: { mailer } });
  });
  afterAll(async () => {
    mailer.close();
    await smtp.close();
    await t.close();
  });

  it("B cannot give the director's account a password B knows, so B never reads A's client", async () => {
    const { orgA, orgB, round, asA, asB } = await twoConsultants(t);
    // B, first: the old way (a password with the address), and an invitation.
    await postJson(
      t.app,
      `/api/organisations/${orgB.id}/managers`,
      { email: DIRECTOR, password: B_PASSWORD },
      { cookie: asB, ...same },
    );
    const byB = await postJson(
      t.app,
      `/api/organisations/${orgB.id}/invitations`,
      { email: DIRECTOR },
      { cookie: asB, ...same },
    );
    if (byB.status === 201) expect(JSON.stringify(await byB.json())).not.toContain("#"); // the link went to the director's mailbox, not to B

    // A adds their director the way the app lets them.
    const byA = await postJson(
      t.app,
      `/api/organisations/${orgA.id}/invitations`,
      { email: DIRECTOR },
      { cookie: asA, ...same },
    );
    if (byA.status === 201) {
      // The director opens A's mail and chooses their own password.
      const link = linkIn(await smtp.waitFor(DIRECTOR, 1, "Klant A"), "invitation");
      const described = await (await t.app.request(`/api/invitations/${tokenOf(link)}`)).json();
      expect(described).toMatchObject({ organisation: "Klant A", next: "choose_password" });
      expect(
        (await postJson(t.app, `/api/invitations/${tokenOf(link)}/accept`, { password: DIRECTOR_PASSWORD }, same))
          .status,
      ).toBe(200);
    } else {
      // The code before invitations: the managers route attaches the account that exists.
      expect(
        (
          await postJson(
            t.app,
            `/api/organisations/${orgA.id}/managers`,
            { email: DIRECTOR, password: DIRECTOR_PASSWORD },
            { cookie: asA, ...same },
          )
        ).status,
      ).toBe(201);
    }

    expect(await bReadsA(t, round.id)).toEqual({ login: 401 });
    const director = await loginCookie(t.app, DIRECTOR, DIRECTOR_PASSWORD);
    expect((await t.app.request(`/api/campaigns/${round.id}`, { headers: { cookie: director } })).status).toBe(200);
    // B's invitation, still pending in the director's mailbox, sets no password either.
    const fromB = linkIn(await smtp.waitFor(DIRECTOR, 1, "Lokaas B"), "invitation");
    expect(
      (await postJson(t.app, `/api/invitations/${tokenOf(fromB)}/accept`, { password: B_PASSWORD }, same)).status,
    ).toBe(401);
    expect(await bReadsA(t, round.id)).toEqual({ login: 401 });
  });
});

describe("an existing account invited by another consultant, without mail (the consultant holds the link)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("is accepted only by its owner: B holding the link can neither set its password nor accept it", async () => {
    const { orgA, orgB, round, asA, asB } = await twoConsultants(t);
    const byA = await postJson(
      t.app,
      `/api/organisations/${orgA.id}/invitations`,
      { email: DIRECTOR },
      { cookie: asA, ...same },
    );
    expect(byA.status).toBe(201);
    expect(
      (
        await postJson(
          t.app,
          `/api/invitations/${tokenOf((await byA.json()).link)}/accept`,
          { password: DIRECTOR_PASSWORD },
          same,
        )
      ).status,
    ).toBe(200);

    const byB = await postJson(
      t.app,
      `/api/organisations/${orgB.id}/invitations`,
      { email: DIRECTOR },
      { cookie: asB, ...same },
    );
    expect(byB.status).toBe(201);
    const token = tokenOf((await byB.json()).link);
    expect((await postJson(t.app, `/api/invitations/${token}/accept`, { password: B_PASSWORD }, same)).status).toBe(
      401,
    );
    expect(
      (await postJson(t.app, `/api/invitations/${token}/accept`, { password: B_PASSWORD }, { cookie: asB, ...same }))
        .status,
    ).toBe(403);
    expect(await verifyPassword(DIRECTOR_PASSWORD, (await findUserByEmail(t.db, DIRECTOR))!.passwordHash)).toBe(true);
    expect(await bReadsA(t, round.id)).toEqual({ login: 401 });
    expect((await t.app.request(`/api/campaigns/${round.id}`, { headers: { cookie: asB } })).status).toBe(404);
  });
});
