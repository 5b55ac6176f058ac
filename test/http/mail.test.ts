/**
 * Mail that really goes out: the app's SMTP mailer (nodemailer) talks to a real SMTP server on a
 * loopback port. Invitations arrive with their link, the organisation and who invites; password
 * resets arrive only for existing accounts while every request gets the same 202; a reset link
 * works once, for an hour, and ends every session.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { RESET_SECONDS } from "../../src/domain/links.js";
import { hashPassword } from "../../src/lib/password.js";
import { smtpMailer } from "../../src/node/smtp-mailer.js";
import { RESETS_PER_HOUR } from "../../src/services/password-reset.js";
import { createUser } from "../../src/storage/accounts.js";
import { createOrganisation } from "../../src/storage/campaigns.js";
import { linkIn, startSmtpServer } from "../helpers/smtp.js";
import { createTestApp, loginCookie, postJson, type TestApp, tokenOf } from "../helpers/test-app.js";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let mailer: ReturnType<typeof smtpMailer>;
let orgId = "";
let consultant = "";
const PASSWORD = "consultant-pw-kraanvogel";
const PUBLIC_URL = "https://enquete.example.test";
const same = { origin: "http://localhost" };
const RESET = "/reset-password#";

beforeAll(async () => {
  smtp = await startSmtpServer();
  mailer = smtpMailer(smtp.url, "Klantgericht <noreply@klantgericht.test>");
  t = await createTestApp({ deps: { mailer, publicUrl: PUBLIC_URL } });
  const c = await createUser(t.db, "adviseur@consult.test", await hashPassword(PASSWORD), "consultant");
  await createUser(t.db, "manager@klant.test", await hashPassword("manager-pw-zeilboot-7"), "manager");
  orgId = (await createOrganisation(t.db, "Woonstichting De Linde", c.id)).id;
  consultant = await loginCookie(t.app, "adviseur@consult.test", PASSWORD);
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await t.close();
});

describe("invitation mail", () => {
  it("arrives over SMTP with the link, the organisation, who invites and the expiry, in Dutch and English; the answer holds no link", async () => {
    const res = await postJson(
      t.app,
      `/api/organisations/${orgId}/invitations`,
      { email: "nieuw@klant.test" },
      { cookie: consultant, ...same },
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ invitation: expect.objectContaining({ email: "nieuw@klant.test" }), delivery: "sent" });
    const mail = await smtp.waitFor("nieuw@klant.test");
    expect(mail.from).toBe("noreply@klantgericht.test");
    const link = linkIn(mail, "invitation");
    expect(link.startsWith(`${PUBLIC_URL}/invitation#`)).toBe(true);
    expect(mail.text).toContain("Woonstichting De Linde");
    expect(mail.text).toContain("adviseur@consult.test nodigt je uit");
    expect(mail.text).toContain("adviseur@consult.test invites you");
    expect(mail.text).toMatch(/verloopt op \d+ \w+ 2026/);
    expect(mail.text.indexOf("nodigt je uit")).toBeLessThan(mail.text.indexOf("invites you"));
    // The link in the mail is the one that works.
    expect(
      (
        await postJson(
          t.app,
          `/api/invitations/${tokenOf(link)}/accept`,
          { password: "mijn-eigen-wachtwoord-42" },
          same,
        )
      ).status,
    ).toBe(200);
  });

  it("answers alike whether the address has an account, and never puts a forged host into the link", async () => {
    const answers = [];
    for (const email of ["manager@klant.test", "onbekend@klant.test", "adviseur@consult.test"]) {
      const res = await t.app.request(`http://evil.example/api/organisations/${orgId}/invitations`, {
        method: "POST",
        headers: { cookie: consultant, origin: "http://evil.example", "content-type": "application/json" },
        body: JSON.stringify({ email }),
      });
      const body = await res.json();
      answers.push({
        status: res.status,
        body: JSON.stringify(body).replaceAll(email, "E").replace(body.invitation.id, "ID"),
      });
      expect(linkIn(await smtp.waitFor(email), "invitation").startsWith(`${PUBLIC_URL}/`)).toBe(true);
    }
    expect(answers[0]!.status).toBe(201);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it("says so when the mail cannot be sent, and keeps the invitation to resend", async () => {
    const broken = smtpMailer(smtp.url.replace("smtp-test-secret", "wrong"), "noreply@klantgericht.test");
    const other = await createTestApp({ deps: { mailer: broken } });
    try {
      const c = await createUser(other.db, "c@consult.test", await hashPassword(PASSWORD), "consultant");
      const org = await createOrganisation(other.db, "Klant", c.id);
      const cookie = await loginCookie(other.app, "c@consult.test", PASSWORD);
      const res = await postJson(
        other.app,
        `/api/organisations/${org.id}/invitations`,
        { email: "x@klant.test" },
        { cookie, ...same },
      );
      expect(res.status).toBe(502);
      expect((await res.json()).error.code).toBe("mail_not_sent");
      const listed = await (
        await other.app.request(`/api/organisations/${org.id}/invitations`, { headers: { cookie } })
      ).json();
      expect(listed.pending.map((p: { email: string }) => p.email)).toEqual(["x@klant.test"]);
    } finally {
      broken.close();
      await other.close();
    }
  });
});

describe("password reset", () => {
  const ask = (email: string) => postJson(t.app, "/api/auth/password-reset", { email }, same);

  it("answers 202 with the same body for an account, an unknown address and a consultant; mails only accounts", async () => {
    const before = smtp.mails.length;
    const answers = [];
    for (const email of ["manager@klant.test", "niemand@klant.test", "adviseur@consult.test"]) {
      const res = await ask(email);
      answers.push({ status: res.status, body: await res.text(), type: res.headers.get("content-type") });
    }
    expect(answers[0]!.status).toBe(202);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    await smtp.waitFor("manager@klant.test", 1, RESET);
    await smtp.waitFor("adviseur@consult.test", 1, RESET);
    await new Promise((r) => setTimeout(r, 300));
    expect(
      smtp.mails
        .slice(before)
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(["adviseur@consult.test", "manager@klant.test"]);
    expect(smtp.mails.some((m) => m.to.includes("niemand@klant.test"))).toBe(false);
  });

  it("sets a password that passes the rules through the link, once, and ends every session", async () => {
    const sessions = [
      await loginCookie(t.app, "manager@klant.test", "manager-pw-zeilboot-7"),
      await loginCookie(t.app, "manager@klant.test", "manager-pw-zeilboot-7"),
    ];
    const mail = await smtp.waitFor("manager@klant.test", 1, RESET);
    const token = tokenOf(linkIn(mail, "reset-password"));
    expect(mail.text).toContain("een nieuw wachtwoord in te stellen");
    expect(mail.text).toContain("to set a new password");
    const weak = await postJson(t.app, `/api/auth/password-reset/${token}`, { password: "welkom123456" }, same);
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.code).toBe("weak_password");
    expect((await t.app.request("/api/me", { headers: { cookie: sessions[0]! } })).status).toBe(200);

    expect(
      (await postJson(t.app, `/api/auth/password-reset/${token}`, { password: "nieuw-wachtwoord-vuurtoren-3" }, same))
        .status,
    ).toBe(204);
    for (const cookie of sessions) expect((await t.app.request("/api/me", { headers: { cookie } })).status).toBe(401);
    expect(
      (
        await postJson(
          t.app,
          "/api/auth/login",
          { email: "manager@klant.test", password: "manager-pw-zeilboot-7" },
          same,
        )
      ).status,
    ).toBe(401);
    await loginCookie(t.app, "manager@klant.test", "nieuw-wachtwoord-vuurtoren-3");
    const again = await postJson(
      t.app,
      `/api/auth/password-reset/${token}`,
      { password: "nog-een-wachtwoord-schip-9" },
      same,
    );
    expect(again.status).toBe(404);
    expect((await again.json()).error.code).toBe("reset_link_invalid");
    await loginCookie(t.app, "manager@klant.test", "nieuw-wachtwoord-vuurtoren-3");
  });

  it("expires after an hour, and stores only the token's hash", async () => {
    await ask("adviseur@consult.test");
    const mail = await smtp.waitFor("adviseur@consult.test", 2, RESET);
    const token = tokenOf(linkIn(mail, "reset-password"));
    expect(JSON.stringify((await t.client.execute("select * from password_resets")).rows)).not.toContain(token);
    const start = t.clock.now;
    try {
      t.clock.now = new Date(start.getTime() + RESET_SECONDS * 1000 + 1000);
      expect(
        (await postJson(t.app, `/api/auth/password-reset/${token}`, { password: "nieuw-wachtwoord-vuurtoren-3" }, same))
          .status,
      ).toBe(404);
    } finally {
      t.clock.now = start;
    }
    await loginCookie(t.app, "adviseur@consult.test", PASSWORD);
    consultant = await loginCookie(t.app, "adviseur@consult.test", PASSWORD);
  });

  it(`mails one address at most ${RESETS_PER_HOUR} times an hour, answering 202 all the same`, async () => {
    await createUser(t.db, "vaak@klant.test", await hashPassword("manager-pw-zeilboot-7"), "manager");
    for (let i = 0; i < RESETS_PER_HOUR + 2; i++) expect((await ask("vaak@klant.test")).status).toBe(202);
    await smtp.waitFor("vaak@klant.test", RESETS_PER_HOUR);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.filter((m) => m.to.includes("vaak@klant.test"))).toHaveLength(RESETS_PER_HOUR);
  });

  it("refuses a malformed request with 400 and an unknown link with 404", async () => {
    expect((await postJson(t.app, "/api/auth/password-reset", { email: "x@y.test", extra: 1 }, same)).status).toBe(400);
    expect(
      (
        await postJson(
          t.app,
          "/api/auth/password-reset/not-a-token",
          { password: "nieuw-wachtwoord-vuurtoren-3" },
          same,
        )
      ).status,
    ).toBe(404);
  });
});
