/**
 * Adversary: a manager watching a running round, who wants to know exactly when (and so whether)
 * a colleague answered. Idea: the README says live counts "are refreshed at most every 30
 * seconds" (participation is cached to make what two quick reads tell apart coarser). The
 * portfolio (GET /api/organisations), open to managers, counts a running round's respondents
 * itself: read it, let one colleague submit, read it again a moment later.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type World, world } from "./world.js";

let w: World;
afterAll(() => w.t.close());
beforeAll(async () => {
  w = await world();
});

describe("live counts of a running round", () => {
  it("do not move between two reads seconds apart (the 30-second refresh), on any route", async () => {
    const org = await w.organisation("Target");
    const round = await w.campaign(org, { requireCode: true });
    const codes = await w.codes(round.id, 10);
    const manager = await w.manager(org, "boss@target.test");
    for (let i = 0; i < 5; i++) expect(await w.submit(round.token, w.answers(3), codes[i])).toBe(201);
    const portfolio = async () => (await manager.get("/api/organisations")).body[0].campaigns[0].respondents as number;
    const participation = async () =>
      (await manager.get(`/api/campaigns/${round.id}/participation`)).body.respondents as number;
    const before = { portfolio: await portfolio(), participation: await participation() };
    w.t.clock.now = new Date(w.t.clock.now.getTime() + 2_000);
    expect(await w.submit(round.token, w.answers(3), codes[5])).toBe(201); // the colleague answers
    w.t.clock.now = new Date(w.t.clock.now.getTime() + 2_000);
    const after = { portfolio: await portfolio(), participation: await participation() };
    console.log({ before, after });
    expect(after.participation).toBe(before.participation); // cached: defended
    expect(after.portfolio, "the portfolio shows the new respondent 2 seconds after they answered").toBe(
      before.portfolio,
    );
  });
});
