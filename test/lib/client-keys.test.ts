/** Keyed hashes of client addresses under a secret that lives in memory only and is replaced daily. */
import { createHash, createHmac } from "node:crypto";

import { describe, expect, it, vi } from "vitest";

import { createClientKeys, SECRET_LIFETIME_MS } from "../../src/lib/client-keys.js";

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse("2026-03-10T09:30:00Z");
const TEXT = "b0b7e3a2-2f4c-4d1e-9c55-0e6f4a1f7c11\n203.0.113.41";

describe("createClientKeys", () => {
  it("gives one text the same 128-bit key all day, and other texts other keys", async () => {
    expect(SECRET_LIFETIME_MS).toBe(DAY);
    const keys = createClientKeys();
    const key = keys.keyOf(TEXT, T0);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(keys.keyOf(TEXT, T0 + DAY - 1)).toBe(key);
    expect(keys.keyOf(`${TEXT}1`, T0)).not.toBe(key);
    expect(keys.keyOf(TEXT.replace("41", "42"), T0)).not.toBe(key);
  });

  it("is not a plain hash of the text, nor an HMAC under a guessable key", async () => {
    const key = createClientKeys().keyOf(TEXT, T0);
    const sha = createHash("sha256").update(TEXT).digest("hex");
    expect(sha.startsWith(key)).toBe(false);
    for (const guess of ["", "secret", TEXT])
      expect(createHmac("sha256", guess).update(TEXT).digest("hex").startsWith(key)).toBe(false);
  });

  it("uses a random secret per instance: another process cannot recompute the key", async () => {
    const [a, b] = [createClientKeys().keyOf(TEXT, T0), createClientKeys().keyOf(TEXT, T0)];
    expect(a).not.toBe(b);
  });

  it("replaces the secret after 24 hours, so the day's keys cannot be made again, and says so", async () => {
    const replaced = vi.fn();
    const keys = createClientKeys(replaced);
    const today = keys.keyOf(TEXT, T0);
    expect(replaced).not.toHaveBeenCalled();
    const tomorrow = keys.keyOf(TEXT, T0 + DAY);
    expect(replaced).toHaveBeenCalledTimes(1);
    expect(tomorrow).not.toBe(today);
    // The new secret holds for its own day, counted from when it was made.
    expect(keys.keyOf(TEXT, T0 + 2 * DAY - 1)).toBe(tomorrow);
    expect(replaced).toHaveBeenCalledTimes(1);
    // Back on the first day's clock there is no way back to the first day's key.
    const back = keys.keyOf(TEXT, T0);
    expect(replaced).toHaveBeenCalledTimes(2);
    expect([today, tomorrow]).not.toContain(back);
  });

  it("makes one secret for requests that arrive together before the first one has it", async () => {
    const replaced = vi.fn();
    const keys = createClientKeys(replaced);
    const all = await Promise.all(Array.from({ length: 10 }, () => keys.keyOf(TEXT, T0)));
    expect(new Set(all).size).toBe(1);
    expect(replaced).not.toHaveBeenCalled();
  });

  it("takes its lifetime from the caller", async () => {
    const keys = createClientKeys(undefined, 1000);
    const first = keys.keyOf(TEXT, 0);
    expect(keys.keyOf(TEXT, 999)).toBe(first);
    expect(keys.keyOf(TEXT, 1000)).not.toBe(first);
  });
});
