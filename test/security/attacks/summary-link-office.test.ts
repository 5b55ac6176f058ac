/**
 * Adversaries: anyone on the internet (guessing/replaying links), staff behind one office network,
 * a manager comparing the summary with filtered reports.
 * Ideas: (1) replay after revoke/replace; (2) does the summary carry anything the unfiltered
 * round-level report does not (ids, units, counts)?; (3) the miss budget is per network and a
 * replaced/revoked link counts as a miss: staff of one office who open the OLD link (an earlier
 * e-mail) exhaust the office's budget, and then nobody there can open the NEW link (429) —
 * a denial of the summary to a whole office by ordinary use, or by one insider on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "../../../src/lib/password.js";
import { MAX_LINK_MISSES } from "../../../src/services/staff-summary.js";
import { createUser } from "../../../src/storage/accounts.js";
import { createOrganisation } from "../../../src/storage/campaigns.js";
import { createTestApp, loginCookie, postJson, type TestApp, validAnswers } from "../../helpers/test-app.js";

let t: TestApp;
let address = "198.51.100.7";
let cookie = "";
let roundId = "";

beforeAll(async () => {
  t = await createTestApp({ deps: { clientAddress: () => address } });
  const consultant = await createUser(t.db, "c@summary.test", await hashPassword("consultant-pw-12345"), "consultant");
  const organisation = await createOrganisation(t.db, "Office", consultant.id);
  const round = await t.addCampaign({ status: "open", organisationId: organisation.id });
  for (let i = 0; i < 8; i++)
    expect(
      (
        await postJson(t.app, `/api/s/${round.token}/responses`, {
          submissionId: crypto.randomUUID(),
          answers: validAnswers(t.instrument, 1 + (i % 5)),
        })
      ).status,
    ).toBe(201);
  cookie = await loginCookie(t.app, "c@summary.test", "consultant-pw-12345");
  roundId = round.id;
  const closed = await postJson(t.app, `/api/campaigns/${roundId}/close`, {}, { cookie, origin: "http://localhost" });
  expect(closed.status, await closed.clone().text()).toBe(200);
});
afterAll(() => t.close());

const share = async () => {
  const res = await t.app.request(`/api/campaigns/${roundId}/summary-link`, {
    method: "POST",
    headers: { cookie, origin: "http://localhost" },
  });
  expect(res.status).toBe(201);
  return ((await res.json()).link as string).split("#")[1]!;
};
/** As the summary page reads it: the token in the body, never in the logged path. */
const read = (token: string) => postJson(t.app, "/api/summaries/read", { token });

describe("the staff summary link", () => {
  it("a replaced link stops working, a revoked one too, and the summary carries no id or unit", async () => {
    const first = await share();
    expect((await read(first)).status).toBe(200);
    const second = await share();
    expect((await read(first)).status).toBe(404);
    const body = await (await read(second)).text();
    expect(body).not.toContain(roundId);
    expect(body).not.toMatch(/Sales|Service/);
    const revoked = await t.app.request(`/api/campaigns/${roundId}/summary-link`, {
      method: "DELETE",
      headers: { cookie, origin: "http://localhost" },
    });
    expect(revoked.status).toBe(204);
    expect((await read(second)).status).toBe(404);
  });

  it("staff of one office opening the old (replaced) link do not lock the whole office out of the new link", async () => {
    address = "203.0.113.50"; // the office NAT
    const old = await share();
    const current = await share(); // the consultant re-shared; the first e-mail still circulates
    for (let i = 0; i < MAX_LINK_MISSES; i++) expect((await read(old)).status).toBe(404);
    const res = await read(current);
    expect(res.status).toBe(200);
  });
});
