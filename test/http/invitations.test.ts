/**
 * Invitations over HTTP, without mail configured (the answer carries the link): inviting never
 * tells whether an address has an account, a link works once and until it expires, an existing
 * account accepts only while logged in as itself, a consultant's address cannot accept, and
 * resending, withdrawing and revoking do what they say — revoking ends the manager's sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { INVITATION_SECONDS } from "../../src/domain/links.js";
import { hashPassword, verifyPassword } from "../../src/lib/password.js";
import { sha256Hex } from "../../src/lib/random.js";
import { createUser, findUserByEmail, grantOrganisation } from "../../src/storage/accounts.js";
import { createOrganisation } from "../../src/storage/campaigns.js";
import { createTestApp, loginCookie, postJson, type TestApp, tokenOf } from "../helpers/test-app.js";

let t: TestApp;
let orgA: { id: string; name: string };
let orgB: { id: string; name: string };
let consultantA = "";
let consultantB = "";
const PASSWORD = "consultant-pw-kraanvogel";
const DIRECTOR_PASSWORD = "director-pw-zeilboot-7";
const NEW_PASSWORD = "mijn-eigen-wachtwoord-42";
const same = { origin: "http://localhost" };

beforeAll(async () => {
  t = await createTestApp();
  const a = await createUser(t.db, "a@consult.test", await hashPassword(PASSWORD), "consultant");
  const b = await createUser(t.db, "b@consult.test", await hashPassword(PASSWORD), "consultant");
  orgA = await createOrganisation(t.db, "Woonstichting Alfa", a.id);
  orgB = await createOrganisation(t.db, "Zorggroep Beta", b.id);
  // Client B's director has an account already (a manager of B).
  const director = await createUser(t.db, "director@beta.test", await hashPassword(DIRECTOR_PASSWORD), "manager");
  await grantOrganisation(t.db, director.id, orgB.id);
  await freshSessions();
});
afterAll(() => t.close());

/** Logging in at a moved clock clears sessions expired by then: the consultants log in again afterwards. */
async function freshSessions() {
  consultantA = await loginCookie(t.app, "a@consult.test", PASSWORD);
  consultantB = await loginCookie(t.app, "b@consult.test", PASSWORD);
}

const invite = (cookie: string, orgId: string, body: unknown) =>
  postJson(t.app, `/api/organisations/${orgId}/invitations`, body, { cookie, ...same });
const accept = (token: string, body: unknown = {}, cookie?: string) =>
  postJson(t.app, `/api/invitations/${token}/accept`, body, { ...same, ...(cookie ? { cookie } : {}) });
const list = async (cookie: string, orgId: string) =>
  (await t.app.request(`/api/organisations/${orgId}/invitations`, { headers: { cookie } })).json();
const count = async (table: string) =>
  Number((await t.client.execute(`select count(*) as n from ${table}`)).rows[0]!.n);
const req = (method: string, path: string, cookie: string) =>
  t.app.request(path, { method, headers: { cookie, ...same } });

describe("inviting", () => {
  it("answers 201 with the link when no mail is configured, and stores only the token's hash", async () => {
    const res = await invite(consultantA, orgA.id, {
      email: "Nieuw@Alfa.test",
      units: { department: ["Wonen", "Klantcontact"] },
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      delivery: "link",
      invitation: { email: "nieuw@alfa.test", scope: { department: ["Klantcontact", "Wonen"] }, expired: false },
    });
    expect(Date.parse(body.invitation.expiresAt)).toBe(
      t.clock.now.getTime() - (t.clock.now.getTime() % 1000) + INVITATION_SECONDS * 1000,
    );
    expect(body.link).toMatch(/^http:\/\/localhost\/invitation#[\w-]{43}$/);
    const token = tokenOf(body.link);
    const rows = (await t.client.execute("select * from invitations")).rows;
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.map((r) => r.token_hash)).toContain(sha256Hex(token));
  });

  it("answers alike for an unknown address, an existing manager and a consultant: nothing tells them apart", async () => {
    const shapes = [];
    for (const email of ["nobody@nowhere.test", "director@beta.test", "b@consult.test"]) {
      const res = await invite(consultantA, orgA.id, { email });
      const body = await res.json();
      const normalised = JSON.stringify(body)
        .replaceAll(email, "EMAIL")
        .replace(body.invitation.id, "ID")
        .replace(tokenOf(body.link), "TOKEN");
      shapes.push({ status: res.status, headers: [...res.headers.keys()].sort().join(","), body: normalised });
    }
    expect(shapes[0]!.status).toBe(201);
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
    // Nothing about accounts was written by inviting.
    expect(await findUserByEmail(t.db, "nobody@nowhere.test")).toBeUndefined();
  });

  it("refuses bad input with 400, a manager with 403, and another consultant's organisation with 404, storing nothing", async () => {
    const before = await count("invitations");
    expect((await invite(consultantA, orgA.id, { email: "not an address" })).status).toBe(400);
    expect(
      (await invite(consultantA, orgA.id, { email: "x@y.test", password: "attacker-chosen-password" })).status,
    ).toBe(400);
    expect((await invite(consultantA, orgA.id, { email: "x@y.test", units: { department: ["A", "A"] } })).status).toBe(
      400,
    );
    expect((await invite(consultantA, orgA.id, { email: "x@y.test", units: { role: ["frontline"] } })).status).toBe(
      400,
    );
    const other = await invite(consultantB, orgA.id, { email: "spy@beta.test" });
    expect(other.status).toBe(404);
    expect((await other.json()).error.code).toBe("not_found");
    expect(await count("invitations")).toBe(before);
  });
});

describe("accepting", () => {
  it("lets a new address choose a password that passes the rules, then log in to the organisation with the invited scope", async () => {
    const { link } = await (
      await invite(consultantA, orgA.id, { email: "nina@alfa.test", units: { department: ["Wonen"] } })
    ).json();
    const token = tokenOf(link);
    const described = await (await t.app.request(`/api/invitations/${token}`)).json();
    expect(described).toEqual({
      organisation: "Woonstichting Alfa",
      email: "nina@alfa.test",
      scope: { department: ["Wonen"] },
      expiresAt: expect.any(String),
      next: "choose_password",
    });

    for (const [password, problem] of [
      ["aaaaaaaaaa", "too_short"],
      ["aaaaaaaaaaaa", "too_common"],
      ["password1234", "too_common"],
      ["nina@alfa.test-2026", "contains_email"],
    ] as const) {
      const weak = await accept(token, { password });
      expect(weak.status, password).toBe(400);
      expect((await weak.json()).error, password).toMatchObject({
        code: "weak_password",
        details: [{ path: "password", message: problem }],
      });
    }
    expect((await accept(token, {})).status).toBe(400);
    expect(await findUserByEmail(t.db, "nina@alfa.test")).toBeUndefined();

    const ok = await accept(token, { password: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ organisationId: orgA.id, email: "nina@alfa.test" });
    const nina = await loginCookie(t.app, "nina@alfa.test", NEW_PASSWORD);
    const me = await (await t.app.request("/api/me", { headers: { cookie: nina } })).json();
    expect(me).toMatchObject({
      user: { email: "nina@alfa.test", role: "manager" },
      organisations: [{ id: orgA.id, name: "Woonstichting Alfa" }],
    });
    const listed = await list(consultantA, orgA.id);
    expect(listed.managers).toContainEqual({
      userId: me.user.id,
      email: "nina@alfa.test",
      scope: { department: ["Wonen"] },
    });
    expect(listed.pending.map((p: { email: string }) => p.email)).not.toContain("nina@alfa.test");
  });

  it("works once", async () => {
    const { link } = await (await invite(consultantA, orgA.id, { email: "once@alfa.test" })).json();
    expect((await accept(tokenOf(link), { password: NEW_PASSWORD })).status).toBe(200);
    const again = await accept(tokenOf(link), { password: "een-ander-wachtwoord-99" });
    expect(again.status).toBe(404);
    expect((await again.json()).error.code).toBe("invitation_not_found");
    expect((await t.app.request(`/api/invitations/${tokenOf(link)}`)).status).toBe(404);
    expect(await verifyPassword(NEW_PASSWORD, (await findUserByEmail(t.db, "once@alfa.test"))!.passwordHash)).toBe(
      true,
    );
  });

  it("expires after seven days", async () => {
    const { link } = await (await invite(consultantA, orgA.id, { email: "late@alfa.test" })).json();
    const start = t.clock.now;
    try {
      t.clock.now = new Date(start.getTime() + INVITATION_SECONDS * 1000 - 1000);
      expect((await t.app.request(`/api/invitations/${tokenOf(link)}`)).status).toBe(200);
      t.clock.now = new Date(start.getTime() + INVITATION_SECONDS * 1000);
      expect((await t.app.request(`/api/invitations/${tokenOf(link)}`)).status).toBe(410);
      const late = await accept(tokenOf(link), { password: NEW_PASSWORD });
      expect(late.status).toBe(410);
      expect((await late.json()).error.code).toBe("invitation_expired");
      expect(await findUserByEmail(t.db, "late@alfa.test")).toBeUndefined();
      // (Sessions last eight hours: a fresh one at this later time.)
      expect(
        (await list(await loginCookie(t.app, "a@consult.test", PASSWORD), orgA.id)).pending.find(
          (p: { email: string }) => p.email === "late@alfa.test",
        ),
      ).toMatchObject({ expired: true });
    } finally {
      t.clock.now = start;
      await freshSessions();
    }
  });

  it("never sets an existing account's password: it must log in as itself to accept", async () => {
    const { link } = await (await invite(consultantA, orgA.id, { email: "director@beta.test" })).json();
    const token = tokenOf(link);
    expect((await (await t.app.request(`/api/invitations/${token}`)).json()).next).toBe("log_in");
    const anonymous = await accept(token, { password: "overgenomen-wachtwoord-1" });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("log_in_to_accept");
    expect(
      await verifyPassword(DIRECTOR_PASSWORD, (await findUserByEmail(t.db, "director@beta.test"))!.passwordHash),
    ).toBe(true);

    const nina = await loginCookie(t.app, "nina@alfa.test", NEW_PASSWORD);
    const wrong = await accept(token, {}, nina);
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.code).toBe("wrong_account");

    const director = await loginCookie(t.app, "director@beta.test", DIRECTOR_PASSWORD);
    expect((await accept(token, {}, director)).status).toBe(200);
    const me = await (await t.app.request("/api/me", { headers: { cookie: director } })).json();
    expect(me.organisations.map((o: { name: string }) => o.name)).toEqual(["Woonstichting Alfa", "Zorggroep Beta"]);
  });

  it("refuses a consultant's address with a clear message, logged in or not, and grants nothing", async () => {
    const { link } = await (await invite(consultantA, orgA.id, { email: "b@consult.test" })).json();
    const token = tokenOf(link);
    const anonymous = await accept(token, { password: "overgenomen-wachtwoord-1" });
    expect(anonymous.status).toBe(409);
    expect((await anonymous.json()).error).toMatchObject({
      code: "consultant_account",
      message: expect.stringContaining("consultant account"),
    });
    const loggedIn = await accept(token, {}, consultantB);
    expect(loggedIn.status).toBe(409);
    expect(await verifyPassword(PASSWORD, (await findUserByEmail(t.db, "b@consult.test"))!.passwordHash)).toBe(true);
    expect((await list(consultantA, orgA.id)).managers.map((m: { email: string }) => m.email)).not.toContain(
      "b@consult.test",
    );
  });
});

describe("resending, withdrawing, revoking", () => {
  it("resends with a new link and a new expiry; the old link is dead", async () => {
    const first = await (
      await invite(consultantA, orgA.id, { email: "resend@alfa.test", units: { department: ["Wonen"] } })
    ).json();
    const start = t.clock.now;
    try {
      t.clock.now = new Date(start.getTime() + 6 * 86_400_000);
      const cookie = await loginCookie(t.app, "a@consult.test", PASSWORD);
      const res = await postJson(
        t.app,
        `/api/organisations/${orgA.id}/invitations/${first.invitation.id}/resend`,
        undefined,
        { cookie, ...same },
      );
      expect(res.status).toBe(200);
      const second = await res.json();
      expect(second.invitation).toMatchObject({
        id: first.invitation.id,
        email: "resend@alfa.test",
        scope: { department: ["Wonen"] },
      });
      expect(Date.parse(second.invitation.expiresAt)).toBeGreaterThan(Date.parse(first.invitation.expiresAt));
      expect(tokenOf(second.link)).not.toBe(tokenOf(first.link));
      expect((await accept(tokenOf(first.link), { password: NEW_PASSWORD })).status).toBe(404);
      // Past the first link's expiry, the new one still works.
      t.clock.now = new Date(start.getTime() + 8 * 86_400_000);
      expect((await accept(tokenOf(second.link), { password: NEW_PASSWORD })).status).toBe(200);
    } finally {
      t.clock.now = start;
      await freshSessions();
    }
  });

  it("inviting a pending address again replaces its link", async () => {
    const first = await (await invite(consultantA, orgA.id, { email: "twice@alfa.test" })).json();
    const second = await (
      await invite(consultantA, orgA.id, { email: "twice@alfa.test", units: { department: ["Onderhoud"] } })
    ).json();
    expect(second.invitation.id).toBe(first.invitation.id);
    expect((await t.app.request(`/api/invitations/${tokenOf(first.link)}`)).status).toBe(404);
    expect((await (await t.app.request(`/api/invitations/${tokenOf(second.link)}`)).json()).scope).toEqual({
      department: ["Onderhoud"],
    });
  });

  it("withdraws: the link stops working and the invitation is no longer listed", async () => {
    const { invitation, link } = await (await invite(consultantA, orgA.id, { email: "withdrawn@alfa.test" })).json();
    expect(
      (await req("DELETE", `/api/organisations/${orgB.id}/invitations/${invitation.id}`, consultantB)).status,
    ).toBe(404);
    expect(
      (await req("DELETE", `/api/organisations/${orgA.id}/invitations/${invitation.id}`, consultantA)).status,
    ).toBe(204);
    expect(
      (await req("DELETE", `/api/organisations/${orgA.id}/invitations/${invitation.id}`, consultantA)).status,
    ).toBe(404);
    expect((await accept(tokenOf(link), { password: NEW_PASSWORD })).status).toBe(404);
    expect((await list(consultantA, orgA.id)).pending.map((p: { id: string }) => p.id)).not.toContain(invitation.id);
    expect(await findUserByEmail(t.db, "withdrawn@alfa.test")).toBeUndefined();
  });

  it("revokes a manager: the grant goes and every session of theirs ends at once", async () => {
    const { link } = await (await invite(consultantA, orgA.id, { email: "revoked@alfa.test" })).json();
    expect((await accept(tokenOf(link), { password: NEW_PASSWORD })).status).toBe(200);
    const [first, second] = [
      await loginCookie(t.app, "revoked@alfa.test", NEW_PASSWORD),
      await loginCookie(t.app, "revoked@alfa.test", NEW_PASSWORD),
    ];
    expect((await t.app.request("/api/me", { headers: { cookie: first } })).status).toBe(200);
    const userId = (await findUserByEmail(t.db, "revoked@alfa.test"))!.id;
    // Another consultant cannot revoke (nor end the sessions of) A's manager.
    expect((await req("DELETE", `/api/organisations/${orgB.id}/managers/${userId}`, consultantB)).status).toBe(404);
    expect((await t.app.request("/api/me", { headers: { cookie: first } })).status).toBe(200);

    expect((await req("DELETE", `/api/organisations/${orgA.id}/managers/${userId}`, consultantA)).status).toBe(204);
    for (const cookie of [first, second])
      expect((await t.app.request(`/api/organisations/${orgA.id}/trends`, { headers: { cookie } })).status).toBe(401);
    expect((await req("DELETE", `/api/organisations/${orgA.id}/managers/${userId}`, consultantA)).status).toBe(404);
    const again = await loginCookie(t.app, "revoked@alfa.test", NEW_PASSWORD);
    expect((await (await t.app.request("/api/me", { headers: { cookie: again } })).json()).organisations).toEqual([]);
    expect((await t.app.request(`/api/organisations/${orgA.id}/trends`, { headers: { cookie: again } })).status).toBe(
      404,
    );
  });

  it("lists only for the organisation's own consultant", async () => {
    expect(
      (await t.app.request(`/api/organisations/${orgA.id}/invitations`, { headers: { cookie: consultantB } })).status,
    ).toBe(404);
    const nina = await loginCookie(t.app, "nina@alfa.test", NEW_PASSWORD);
    expect(
      (await t.app.request(`/api/organisations/${orgA.id}/invitations`, { headers: { cookie: nina } })).status,
    ).toBe(403);
    expect((await t.app.request(`/api/organisations/${orgA.id}/invitations`)).status).toBe(401);
  });
});
