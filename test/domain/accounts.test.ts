/** The pure rules behind accounts: which passwords may be set, when a link is dead, what a mail says. */
import { describe, expect, it } from "vitest";

import {
  expiryOf,
  INVITATION_SECONDS,
  isExpired,
  normaliseScope,
  parseScope,
  RESET_SECONDS,
} from "../../src/domain/links.js";
import { invitationMail, passwordResetMail } from "../../src/domain/mail-texts.js";
import { checkPassword, MIN_PASSWORD_LENGTH } from "../../src/domain/password-rules.js";

describe("password rules", () => {
  const email = "jan.de.vries@woonstichting.nl";
  it.each([
    ["aaaaaaaaaa", "too_short"],
    ["Kort-maar-1", "too_short"],
    ["aaaaaaaaaaaa", "too_common"],
    ["password1234", "too_common"],
    ["123456789012", "too_common"],
    ["abcdefghijkl", "too_common"],
    ["qwertyuiop123", "too_common"],
    ["Wachtwoord2026", "too_common"],
    ["klantgericht2026", "too_common"],
    ["woonstichting1", "too_common"],
    ["jan.de.vries@woonstichting.nl", "contains_email"],
    ["JAN.DE.VRIES!2026x", "contains_email"],
    ["x".repeat(257), "too_long"],
  ])("refuses %s (%s) with a reason", (password, problem) => {
    const verdict = checkPassword(password, email);
    expect(verdict).toMatchObject({ ok: false, problem });
    if (!verdict.ok) expect(verdict.message.length).toBeGreaterThan(20);
  });

  it.each(["paard-fiets-lamp-wolk", "kX9#mPq2vL!w", "correct horse battery staple", "Reiger zwemt 4x om de kaap"])(
    "accepts %s",
    (password) => {
      expect(checkPassword(password, email)).toEqual({ ok: true });
    },
  );

  it(`counts characters, not UTF-16 units, for the ${MIN_PASSWORD_LENGTH} minimum`, () => {
    expect(checkPassword("🐢🦉🐙🦀🐝🦋🐞🦎🐌🦔🐿", email)).toMatchObject({ ok: false, problem: "too_short" });
  });
});

describe("link expiry", () => {
  const now = new Date("2026-03-10T09:30:00Z");
  it("lasts seven days for an invitation and one hour for a reset, dead from the expiry second on", () => {
    const invitation = expiryOf(now, INVITATION_SECONDS);
    expect(invitation - now.getTime() / 1000).toBe(7 * 86_400);
    expect(isExpired(invitation, new Date(invitation * 1000 - 1000))).toBe(false);
    expect(isExpired(invitation, new Date(invitation * 1000))).toBe(true);
    const reset = expiryOf(now, RESET_SECONDS);
    expect(isExpired(reset, new Date(now.getTime() + 59 * 60_000))).toBe(false);
    expect(isExpired(reset, new Date(now.getTime() + 60 * 60_000))).toBe(true);
  });

  it("stores a scope of departments trimmed, unique and sorted, and none as null", () => {
    expect(normaliseScope({ department: [" Wonen", "Klantcontact", "Wonen"] })).toEqual({
      department: ["Klantcontact", "Wonen"],
    });
    expect(normaliseScope({ department: [] })).toBeNull();
    expect(normaliseScope(undefined)).toBeNull();
    expect(parseScope(JSON.stringify({ department: ["B", "A"] }))).toEqual({ department: ["A", "B"] });
    expect(parseScope(null)).toBeNull();
  });
});

describe("mail texts", () => {
  const expiresAt = Date.parse("2026-03-17T09:30:00Z") / 1000;
  it("say who invites for which organisation and until when, Dutch first, and escape names in HTML", () => {
    const mail = invitationMail({
      to: "x@y.nl",
      organisation: "Zorg <script>& Co",
      inviter: "adviseur@bureau.nl",
      link: "https://e.test/invitation#abc",
      expiresAt,
    });
    expect(mail.subject).toContain("Zorg <script>& Co");
    expect(mail.text).toContain(
      "adviseur@bureau.nl nodigt je uit om de rapportages van het medewerkersonderzoek van Zorg <script>& Co te bekijken.",
    );
    expect(mail.text).toContain("17 maart 2026 om 10:30");
    expect(mail.text).toContain("17 March 2026 at 10:30");
    expect(mail.text.indexOf("nodigt")).toBeLessThan(mail.text.indexOf("invites"));
    expect(mail.text.match(/https:\/\/e\.test\/invitation#abc/g)).toHaveLength(2);
    expect(mail.html).toContain("Zorg &lt;script&gt;&amp; Co");
    expect(mail.html).not.toContain("<script>");
    expect(mail.text).not.toMatch(/account (exists|bestaat)/i);
  });

  it("a reset mail holds the link and its expiry and nothing about the account", () => {
    const mail = passwordResetMail({ to: "x@y.nl", link: "https://e.test/reset-password#abc", expiresAt });
    expect(mail.text).toContain("https://e.test/reset-password#abc");
    expect(mail.text).toContain("verloopt op 17 maart 2026");
    expect(mail.text).not.toContain("x@y.nl");
  });
});
