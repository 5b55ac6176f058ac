/**
 * Adversary: another consultant. Idea: instruments are looked up by id; can consultant B read,
 * overwrite (upload the next version of) or pin consultant A's uploaded instrument in B's round,
 * or read A's campaigns/participation/compare by id?
 */
import { readFileSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { hashPassword } from "../../../src/lib/password.js";
import { createUser } from "../../../src/storage/accounts.js";
import { loginCookie } from "../../helpers/test-app.js";
import { type World, world } from "./world.js";

let w: World;
let other: ReturnType<World["as"]>;
let campaignA = "";
beforeAll(async () => {
  w = await world();
  const json = JSON.parse(readFileSync("surveys/customer-centricity-v2.json", "utf8"));
  json.instrumentId = "a-private";
  json.instrumentVersion = 1;
  expect((await w.c.post("/api/instruments", json)).status).toBe(201);
  const org = await w.organisation("A's client");
  campaignA = (await w.campaign(org, {})).id;
  await createUser(w.t.db, "b@other.test", await hashPassword("other-consultant"), "consultant");
  other = w.as(await loginCookie(w.t.app, "b@other.test", "other-consultant"));
});
afterAll(() => w.t.close());

describe("another consultant", () => {
  it("cannot read, extend or use A's instrument, nor see A's rounds", async () => {
    expect((await other.get("/api/instruments/a-private/1")).status).toBe(404);
    const json = JSON.parse(readFileSync("surveys/customer-centricity-v2.json", "utf8"));
    json.instrumentId = "a-private";
    json.instrumentVersion = 2;
    expect((await other.post("/api/instruments", json)).status).toBe(409);
    const orgB = (await other.post("/api/organisations", { name: "B's client" })).body.id;
    const r = await other.post(`/api/organisations/${orgB}/campaigns`, {
      title: "x",
      departments: ["X"],
      instrument: { id: "a-private" },
    });
    expect(r.status).not.toBe(201);
    for (const p of [
      `/api/campaigns/${campaignA}`,
      `/api/campaigns/${campaignA}/participation`,
      `/api/campaigns/${campaignA}/report`,
    ])
      expect((await other.get(p)).status, p).toBe(404);
    expect((await other.get(`/api/compare?campaigns=${campaignA},${campaignA}`)).status).not.toBe(200);
  });
});
