import { describe, expect, it } from "vitest";

import {
  isValidAddress,
  MAX_ADDRESSES_PER_REQUEST,
  parseAddressList,
  personalLink,
  staffInvitationMail,
  staffReminderMail,
  staffReminderToAllMail,
} from "../../src/domain/staff-invitations.js";
import { createInvitationKeys } from "../../src/lib/invitation-keys.js";
import { mailPacer, sendAll } from "../../src/services/staff-invitations.js";

describe("parseAddressList", () => {
  it("reads one address per line: trimmed, lower-cased, duplicates dropped, invalid lines named", () => {
    const parsed = parseAddressList(
      "  Anna@Voorbeeld.NL \n\nbob@voorbeeld.nl\nanna@voorbeeld.nl\nniet-een-adres\nJan de Vries <jan@voorbeeld.nl>\r\nx@y\n",
    );
    expect(parsed.addresses).toEqual(["anna@voorbeeld.nl", "bob@voorbeeld.nl", "jan@voorbeeld.nl"]);
    expect(parsed.duplicates).toBe(1);
    expect(parsed.invalidLines).toEqual([5, 7]);
    expect(parsed.tooMany).toBe(false);
  });

  it("reads the email column of a CSV by its name (comma or semicolon, quotes), else the first column", () => {
    expect(
      parseAddressList('naam;E-mail;afdeling\n"Vries, Jan";jan@a.nl;Wonen\nPiet;PIET@a.nl;Onderhoud\nKees;;Wonen\n')
        .addresses,
    ).toEqual(["jan@a.nl", "piet@a.nl"]);
    expect(parseAddressList("emailadres,naam\nx@a.nl,X\ny@a.nl,Y").addresses).toEqual(["x@a.nl", "y@a.nl"]);
    expect(parseAddressList("adresje,naam\nx@a.nl,X\nfout,Y").invalidLines).toEqual([3]);
    expect(parseAddressList("x@a.nl,X\ny@a.nl,Y").addresses).toEqual(["x@a.nl", "y@a.nl"]);
    expect(parseAddressList("email\nq@a.nl").addresses).toEqual(["q@a.nl"]);
  });

  it("caps a request", () => {
    const list = Array.from({ length: MAX_ADDRESSES_PER_REQUEST + 1 }, (_, i) => `p${i}@a.nl`).join("\n");
    expect(parseAddressList(list).tooMany).toBe(true);
  });

  it("validates practically", () => {
    for (const ok of ["a@b.nl", "first.last+tag@sub.example.org", "x@xn--bcher-kva.example"])
      expect(isValidAddress(ok)).toBe(true);
    for (const bad of [
      "a@b",
      "@b.nl",
      "a@@b.nl",
      "a b@c.nl",
      "a@b..nl",
      ".a@b.nl",
      "a@-b.nl",
      "a@b.n1",
      `${"a".repeat(65)}@b.nl`,
    ])
      expect(isValidAddress(bad)).toBe(false);
  });
});

describe("mail texts", () => {
  const round = { organisation: "Woonstichting De Linde", title: "Ronde 2026", closesOn: "2026-03-31" };
  const link = personalLink("https://enquete.example", "tok", "ABCDE-FGHJK");

  it("put the code in the link's fragment only", () => {
    expect(link).toBe("https://enquete.example/s/tok#code=ABCDE-FGHJK");
  });

  it("say who asks, the round, the link, the closing date and that the code is never linked to the answers, in the chosen languages", () => {
    const both = staffInvitationMail({ to: "a@b.nl", round, link, languages: "both" });
    expect(both.text).toContain("Woonstichting De Linde vraagt je");
    expect(both.text).toContain("Ronde 2026");
    expect(both.text).toContain("31 maart 2026");
    expect(both.text).toContain("31 March 2026");
    expect(both.text).toContain(link);
    expect(both.text).toContain("nooit aan je antwoorden gekoppeld");
    expect(both.text).toContain("never linked to your answers");
    expect(both.text.indexOf("vraagt je")).toBeLessThan(both.text.indexOf("asks you"));
    const en = staffInvitationMail({ to: "a@b.nl", round, link, languages: "en" });
    expect(en.text).not.toContain("vraagt je");
    expect(en.subject).toBe("Invitation: staff survey Woonstichting De Linde");
    expect(
      staffInvitationMail({ to: "a@b.nl", round: { ...round, organisation: "<b>X</b>" }, link, languages: "nl" }).html,
    ).toContain("&lt;b&gt;X&lt;/b&gt;");
  });

  it("remind with the same link, or (no tracking) thank those who answered and carry no code", () => {
    expect(staffReminderMail({ to: "a@b.nl", round, link, languages: "nl" }).text).toContain(link);
    const all = staffReminderToAllMail({
      to: "a@b.nl",
      round,
      surveyLink: "https://enquete.example/s/tok",
      languages: "both",
    });
    expect(all.text).toContain("Dank je wel");
    expect(all.text).toContain("Thank you");
    expect(all.text).not.toContain("#code=");
  });
});

describe("invitation keys", () => {
  it("key an address per round and secret, and unseal a code only with the same address and secret", async () => {
    const keys = createInvitationKeys("a-secret-of-at-least-thirty-two-characters!");
    const other = createInvitationKeys("another-secret-of-at-least-thirty-two-chars");
    const k1 = await keys.addressKey("c1", "a@b.nl");
    expect(k1).toMatch(/^[0-9a-f]{64}$/);
    expect(await keys.addressKey("c1", "a@b.nl")).toBe(k1);
    expect(await keys.addressKey("c2", "a@b.nl")).not.toBe(k1);
    expect(await other.addressKey("c1", "a@b.nl")).not.toBe(k1);
    const sealed = await keys.seal("c1", "a@b.nl", "ABCDE-FGHJK");
    expect(sealed).not.toContain("ABCDE");
    expect(await keys.unseal("c1", "a@b.nl", sealed)).toBe("ABCDE-FGHJK");
    expect(await keys.unseal("c1", "x@b.nl", sealed)).toBeNull();
    expect(await keys.unseal("c2", "a@b.nl", sealed)).toBeNull();
    expect(await other.unseal("c1", "a@b.nl", sealed)).toBeNull();
  });
});

describe("sendAll", () => {
  it("starts at most the paced number of mails a second, across the slices of one run, 8 in flight at most", async () => {
    const starts: number[] = [];
    let inFlight = 0;
    let most = 0;
    const mailer = {
      async send() {
        starts.push(performance.now());
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 30));
        inFlight--;
      },
    };
    const mail = (i: number) => ({ to: `m${i}@voorbeeld.nl`, subject: "s", text: "t" });
    const pace = mailPacer(100);
    const first = await sendAll(
      mailer,
      Array.from({ length: 15 }, (_, i) => mail(i)),
      pace,
    );
    const second = await sendAll(
      mailer,
      Array.from({ length: 15 }, (_, i) => mail(i)),
      pace,
    );
    expect([first.sent, second.sent, first.failed + second.failed]).toEqual([15, 15, 0]);
    // 30 starts at 100 a second span at least 290 ms (timers may fire a millisecond early).
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(285);
    expect(most).toBeLessThanOrEqual(8);
  });
});
