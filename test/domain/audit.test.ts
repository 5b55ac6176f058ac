/** The audit log's vocabulary: every action reads in plain Dutch and English; times to the minute; retention. */
import { describe, expect, it } from "vitest";

import {
  ACCOUNT_ACTIONS,
  AUDIT_ACTIONS,
  AUDIT_RETENTION_DAYS,
  auditCutoff,
  type AuditEvent,
  auditMinute,
  auditText,
  failedLoginWindowStart,
  isAuditAction,
} from "../../src/domain/audit.js";

const round = { campaignId: "c1", title: "Voorjaar 2026" };
/** One example of every action. */
const EXAMPLES: AuditEvent[] = [
  { action: "report_read", detail: { ...round, dimension: "role", filters: { department: "Sales" } } },
  { action: "report_exported", detail: { ...round, dimension: "department", filters: {} } },
  {
    action: "invitation_sent",
    detail: { invitationId: "i1", email: "new@alfa.test", departments: ["Sales", "Service"] },
  },
  { action: "invitation_resent", detail: { invitationId: "i1", email: "new@alfa.test" } },
  { action: "invitation_withdrawn", detail: { invitationId: "i1", email: "new@alfa.test" } },
  { action: "invitation_accepted", detail: {} },
  { action: "manager_revoked", detail: { userId: "u1", email: "old@alfa.test" } },
  { action: "login", detail: {} },
  { action: "login_failed", detail: { count: 3 } },
  { action: "password_reset", detail: {} },
  { action: "logout_everywhere", detail: {} },
  { action: "round_opened", detail: round },
  { action: "round_closed", detail: round },
  { action: "codes_issued", detail: { ...round, count: 40 } },
  { action: "plan_focus_set", detail: { ...round, levels: ["values", "skills"] } },
  { action: "plan_action_added", detail: { ...round, actionId: "a1", action: "Gesprek over klantwaarden" } },
  {
    action: "plan_action_changed",
    detail: { ...round, actionId: "a1", action: "Gesprek over klantwaarden", fields: ["status", "dueOn"] },
  },
  { action: "plan_action_removed", detail: { ...round, actionId: "a1", action: "Gesprek over klantwaarden" } },
  { action: "summary_shared", detail: round },
  { action: "summary_revoked", detail: round },
  { action: "staff_invited", detail: { ...round, mode: "reminders", sent: 48, failed: 2, invalid: 1, duplicates: 0 } },
  { action: "staff_reminded", detail: { ...round, mode: "no_tracking", sent: 50, failed: 0 } },
  { action: "round_deleted", detail: { ...round, removed: { groups: 12, comments: 4 } } },
  { action: "organisation_deleted", detail: { name: "Alfa", removed: { rounds: 2 } } },
  { action: "account_deleted", detail: { role: "manager", removed: { sessions: 1, grants: 1 } } },
  { action: "retention_set", detail: { months: 24 } },
  { action: "retention_applied", detail: { ...round, stage: "comments", removed: { comments: 4 } } },
  { action: "organisation_exported", detail: { schemaVersion: 1 } },
  { action: "round_changed", detail: { ...round, fields: ["title", "closesOn"] } },
];
const text = (e: AuditEvent, lang: "nl" | "en") =>
  auditText({ action: e.action, actor: "m@alfa.test", detail: e.detail as Record<string, unknown> }, lang);

describe("audit texts", () => {
  it("has an example here for every action, and each reads differently in both languages", () => {
    expect(EXAMPLES.map((e) => e.action).sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const lang of ["nl", "en"] as const) {
      const texts = EXAMPLES.map((e) => text(e, lang));
      expect(new Set(texts).size, lang).toBe(AUDIT_ACTIONS.length);
      // Every entry names who acted, except the retention sweep's: no one did.
      for (const [i, t] of texts.entries())
        if (EXAMPLES[i]!.action !== "retention_applied") expect(t).toMatch(/m@alfa\.test/);
    }
    for (const e of EXAMPLES) expect(text(e, "nl")).not.toBe(text(e, "en"));
  });

  it("says exactly what was asked and done", () => {
    const [read, exported, invited, , , accepted, revoked, login, failed, reset, everywhere, opened, closed, codes] =
      EXAMPLES as [AuditEvent, ...AuditEvent[]];
    expect(text(read, "nl")).toBe(
      "m@alfa.test bekeek het rapport van “Voorjaar 2026” (filter afdeling = Sales; per rol)",
    );
    expect(text(read, "en")).toBe(
      "m@alfa.test read the report of “Voorjaar 2026” (filter department = Sales; by role)",
    );
    expect(text(exported!, "en")).toBe("m@alfa.test downloaded the report of “Voorjaar 2026” as CSV (by department)");
    expect(text(invited!, "nl")).toBe("m@alfa.test nodigde new@alfa.test uit als manager (afdelingen: Sales, Service)");
    expect(text(accepted!, "en")).toBe("m@alfa.test accepted the invitation");
    expect(text(revoked!, "en")).toBe("m@alfa.test revoked the access of old@alfa.test");
    expect(text(login!, "nl")).toBe("m@alfa.test logde in");
    expect(text(failed!, "nl")).toBe("3 mislukte inlogpogingen op het account m@alfa.test (binnen een uur)");
    expect(auditText({ action: "login_failed", actor: "m@alfa.test", detail: { count: 1 } }, "en")).toBe(
      "1 failed login at the account m@alfa.test (within an hour)",
    );
    expect(text(reset!, "en")).toBe("m@alfa.test set a new password through a reset link");
    expect(text(everywhere!, "en")).toBe("m@alfa.test logged out everywhere");
    expect(text(opened!, "nl")).toBe("m@alfa.test opende de ronde “Voorjaar 2026”");
    expect(text(closed!, "en")).toBe("m@alfa.test closed the round “Voorjaar 2026” and released its results");
    expect(text(codes!, "nl")).toBe("m@alfa.test maakte 40 toegangscodes voor “Voorjaar 2026”");
    expect(text(EXAMPLES.at(-1)!, "nl")).toBe("m@alfa.test wijzigde de ronde “Voorjaar 2026”: title, closesOn");
    const [focus, added, changed, , shared, revokedLink] = EXAMPLES.slice(14) as AuditEvent[];
    expect(text(focus!, "nl")).toBe(
      "m@alfa.test koos de focusniveaus van het actieplan van “Voorjaar 2026”: waarden en overtuigingen, vaardigheden",
    );
    expect(text(added!, "en")).toBe(
      "m@alfa.test added the action “Gesprek over klantwaarden” to the action plan of “Voorjaar 2026”",
    );
    expect(text(changed!, "nl")).toBe(
      "m@alfa.test wijzigde de actie “Gesprek over klantwaarden” van “Voorjaar 2026” (status, datum)",
    );
    expect(text(shared!, "en")).toBe("m@alfa.test made a link to the staff summary of “Voorjaar 2026”");
    expect(text(revokedLink!, "nl")).toBe("m@alfa.test trok de link naar de samenvatting van “Voorjaar 2026” in");
    expect(auditText({ action: "plan_focus_set", actor: "a", detail: { title: "R", levels: [] } }, "en")).toBe(
      "a chose the focus levels of the action plan of “R”: none",
    );
    // An invitation for the whole organisation names no departments.
    expect(
      auditText(
        { action: "invitation_sent", actor: "a", detail: { invitationId: "i", email: "x@y.test", departments: null } },
        "en",
      ),
    ).toBe("a invited x@y.test as a manager");
  });

  it("reads a stored detail with fields missing without throwing", () => {
    expect(auditText({ action: "report_read", actor: "a", detail: { title: "R" } }, "en")).toBe(
      "a read the report of “R”",
    );
  });
});

describe("audit times and retention", () => {
  it("times entries in UTC to the minute", () => {
    expect(auditMinute(new Date("2026-03-10T09:30:59.999Z"))).toBe("2026-03-10T09:30Z");
    expect(auditMinute(new Date("2026-03-10T09:31:00Z"))).toBe("2026-03-10T09:31Z");
  });

  it("keeps 400 days", () => {
    expect(AUDIT_RETENTION_DAYS).toBe(400);
    expect(auditCutoff(new Date("2026-03-10T09:30:20Z"))).toBe("2025-02-03T09:30Z");
  });

  it("counts failed logins in windows of an hour from the first", () => {
    // An entry timed 09:00 still counts a failure at 09:59, not one at 10:00.
    expect(failedLoginWindowStart(new Date("2026-03-10T09:59:30Z"))).toBe("2026-03-10T09:00Z");
    expect(failedLoginWindowStart(new Date("2026-03-10T10:00:00Z"))).toBe("2026-03-10T09:01Z");
  });

  it("knows its actions, and which are about an account", () => {
    expect(isAuditAction("login")).toBe(true);
    expect(isAuditAction("response_submitted")).toBe(false);
    expect(ACCOUNT_ACTIONS).toEqual(["login", "login_failed", "password_reset", "logout_everywhere"]);
  });
});
