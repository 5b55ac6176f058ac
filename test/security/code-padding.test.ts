/**
 * Adversary: a consultant who mints codes to pad a group with invented respondents (issue 26,
 * attack 7). A round that states its headcount (its own, or its departments' together) issues at
 * most one code per member of staff: a batch past it is refused whole, by the API, the CLI's path
 * and staff invitations alike, and nothing is stored. Without a headcount nothing can hold codes
 * back: the README's threat model says so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { codeCounts } from "../../src/storage/access-codes.js";
import { type ConsultantApp, consultantApp } from "../helpers/consultant-app.js";
import type { TestApp } from "../helpers/test-app.js";

let t: TestApp;
let organisationId: string;
let send: ConsultantApp["send"];

beforeAll(async () => {
  ({ t, organisationId, send } = await consultantApp("c@padding.test", "Kleine Club"));
});
afterAll(() => t.close());

const DEPARTMENTS = [
  { name: "Balie", headcount: 7 },
  { name: "Nachtdienst", headcount: 5 },
];
const headcount = DEPARTMENTS.reduce((n, d) => n + d.headcount, 0);

async function round(body: Record<string, unknown>): Promise<string> {
  const res = await send("POST", `/api/organisations/${organisationId}/campaigns`, {
    title: "Codes",
    status: "open",
    requireCode: true,
    ...body,
  });
  expect(res.status).toBe(201);
  return (await res.json()).id as string;
}

const issue = (id: string, count: number) => send("POST", `/api/campaigns/${id}/codes`, { count });
const issued = async (id: string) => (await codeCounts(t.db, [id])).get(id)?.issued ?? 0;

describe("codes beyond the round's headcount", () => {
  it("are refused whole, and the round keeps the codes it had", async () => {
    const id = await round({ departments: DEPARTMENTS });
    expect((await issue(id, headcount - 2)).status).toBe(201);
    const over = await issue(id, 3);
    expect(over.status).toBe(409);
    const body = await over.json();
    expect(body.error.code).toBe("codes_beyond_headcount");
    expect(body.error.details).toEqual([{ path: "count", message: "at most 2" }]);
    expect(await issued(id)).toBe(headcount - 2);
    // Up to the headcount they come; one past it does not.
    expect((await issue(id, 2)).status).toBe(201);
    expect(await issued(id)).toBe(headcount);
    expect((await issue(id, 1)).status).toBe(409);
    expect(await issued(id)).toBe(headcount);
  });

  it("count against a headcount stated for the round as a whole", async () => {
    const id = await round({ departments: ["Balie", "Nachtdienst"], expectedHeadcount: 4 });
    expect((await issue(id, 5)).status).toBe(409);
    expect(await issued(id)).toBe(0);
    expect((await issue(id, 4)).status).toBe(201);
  });

  it("are refused as well when asked for at once: the check and the write are one step per round", async () => {
    const id = await round({ departments: DEPARTMENTS });
    const answers = await Promise.all([issue(id, headcount), issue(id, headcount), issue(id, headcount)]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await issued(id)).toBe(headcount);
  });

  it("hold to the smaller of the round's headcount and its departments' together", async () => {
    const id = await round({ departments: DEPARTMENTS, expectedHeadcount: 500 });
    expect((await issue(id, headcount + 1)).status).toBe(409);
    expect((await issue(id, headcount)).status).toBe(201);
  });

  it("cannot be made room for by clearing or lowering the headcount once codes are out; raising it can", async () => {
    const id = await round({ departments: ["Balie", "Nachtdienst"], expectedHeadcount: 4 });
    expect((await issue(id, 4)).status).toBe(201);
    for (const expectedHeadcount of [null, 3]) {
      const refused = await send("PATCH", `/api/campaigns/${id}`, { expectedHeadcount });
      expect(refused.status).toBe(409);
      expect((await refused.json()).error.code).toBe("codes_beyond_headcount");
    }
    expect((await issue(id, 1)).status).toBe(409);
    expect((await send("PATCH", `/api/campaigns/${id}`, { expectedHeadcount: 6 })).status).toBe(200);
    expect((await issue(id, 2)).status).toBe(201);
    expect(await issued(id)).toBe(6);
  });

  it("are not held back where no headcount is stated", async () => {
    const id = await round({ departments: ["Balie", "Nachtdienst"] });
    expect((await issue(id, 40)).status).toBe(201);
    expect(await issued(id)).toBe(40);
  });
});
