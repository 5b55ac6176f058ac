import { describe, expect, it } from "vitest";

import { at, defined, entry } from "../../src/lib/invariant.js";

describe("invariant helpers", () => {
  it("at returns the entry in range and names the list when it is out of range", () => {
    const list = [3, 0, 7];
    expect(at(list, 1)).toBe(list[1]);
    expect(at(Float64Array.from(list), 2)).toBe(list[2]);
    expect(() => at(list, list.length, "row")).toThrow(/row has no entry 3 \(length 3\)/);
    expect(() => at(list, -1)).toThrow(/broken invariant/);
  });

  it("defined keeps falsy values and throws only for undefined and null", () => {
    expect(defined(0, "zero")).toBe(0);
    expect(defined("", "empty")).toBe("");
    expect(defined(false, "false")).toBe(false);
    expect(() => defined(undefined, "the round's group")).toThrow("broken invariant: the round's group");
    expect(() => defined(null, "a release")).toThrow("broken invariant: a release");
  });

  it("entry reads a Float64Array in range and throws past its end", () => {
    const vector = Float64Array.from([0.5, -2]);
    expect(entry(vector, 1)).toBe(vector[1]);
    expect(() => entry(vector, 2)).toThrow(/length 2 has no entry 2/);
  });
});
