/** When a paused release's alarm counts as lost, so that the next request to its object sets it again (src/workers/release-object.ts). */
import { describe, expect, it } from "vitest";

import { ALARM_LOST_AFTER_MS, alarmLost } from "../../src/workers/release-object.js";

describe("alarmLost", () => {
  const now = 1_800_000_000_000;

  it("counts a missing alarm as lost", () => {
    expect(alarmLost(null, now)).toBe(true);
  });

  it("leaves an alarm that is not yet due, or due a moment ago, to fire", () => {
    expect(alarmLost(now + 5_000, now)).toBe(false);
    expect(alarmLost(now, now)).toBe(false);
    expect(alarmLost(now - ALARM_LOST_AFTER_MS, now)).toBe(false);
  });

  it("counts an alarm still pending well past its time as lost", () => {
    expect(alarmLost(now - ALARM_LOST_AFTER_MS - 1, now)).toBe(true);
    expect(alarmLost(now - 90_000, now)).toBe(true);
  });
});
