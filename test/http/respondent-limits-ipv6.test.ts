/**
 * The open-link limit counts an IPv6 client by its /64: one host is handed a whole /64 and can
 * rotate addresses in it freely, so counting single addresses would limit nobody.
 */
import { afterAll, beforeAll, expect, it } from "vitest";

import { createTestApp, postJson, type TestApp, validAnswers } from "../helpers/test-app.js";

const LIMIT = 3;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { clientAddress: (c) => c.req.header("x-test-client"), submissionsPerHour: LIMIT } });
});
afterAll(() => t.close());

it("addresses of one IPv6 /64 share one budget", async () => {
  const round = await t.addCampaign();
  const statuses: number[] = [];
  for (let i = 1; i <= LIMIT + 2; i++) {
    const res = await postJson(
      t.app,
      `/api/s/${round.token}/responses`,
      { submissionId: crypto.randomUUID(), answers: validAnswers(t.instrument) },
      { "x-test-client": `2001:db8:1:2::${i.toString(16)}` },
    );
    statuses.push(res.status);
  }
  expect(statuses.filter((s) => s === 201)).toHaveLength(LIMIT);
});
