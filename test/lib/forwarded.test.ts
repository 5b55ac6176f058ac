/** Reading what a trusted proxy says (lib/forwarded.ts): the right-most entries, and nothing that is not an address or scheme. */
import { describe, expect, it } from "vitest";

import { forwardedClient, forwardedScheme } from "../../src/lib/forwarded.js";

describe("forwardedClient", () => {
  it("takes the right-most entry, the one the proxy appended", () => {
    expect(forwardedClient("203.0.113.5")).toBe("203.0.113.5");
    expect(forwardedClient("6.6.6.6, 203.0.113.5")).toBe("203.0.113.5");
    expect(forwardedClient("6.6.6.6,203.0.113.5 ")).toBe("203.0.113.5");
    expect(forwardedClient("1.1.1.1, 2001:db8::7")).toBe("2001:db8::7");
  });

  it("gives nothing for a missing, empty or malformed entry", () => {
    for (const header of [undefined, "", " ", "1.2.3.4, ", "not an address", "<script>", "a".repeat(65)])
      expect(forwardedClient(header), String(header)).toBeUndefined();
  });
});

describe("forwardedScheme", () => {
  it("takes the right-most value, http or https in any case", () => {
    expect(forwardedScheme("https")).toBe("https");
    expect(forwardedScheme("HTTP")).toBe("http");
    expect(forwardedScheme("http, https")).toBe("https");
  });

  it("gives nothing for anything else", () => {
    for (const header of [undefined, "", "ftp", "https, ", "wss"])
      expect(forwardedScheme(header), String(header)).toBeUndefined();
  });
});
