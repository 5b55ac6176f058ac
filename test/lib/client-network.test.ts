import { describe, expect, it } from "vitest";

import { clientNetwork } from "../../src/lib/client-network.js";

describe("clientNetwork", () => {
  it("counts an IPv6 address by its /64, however it is written", () => {
    expect(clientNetwork("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("2001:0DB8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("[2001:db8:1:2::abcd]")).toBe("2001:db8:1:2::/64");
    expect(clientNetwork("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientNetwork("2001:db8:1:3::1")).not.toBe(clientNetwork("2001:db8:1:2::1"));
  });

  it("keeps IPv4 as it is and unwraps IPv4-mapped IPv6", () => {
    expect(clientNetwork("192.0.2.7")).toBe("192.0.2.7");
    expect(clientNetwork("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(clientNetwork("192.0.2.7")).not.toBe(clientNetwork("192.0.2.8"));
  });

  it("passes anything it cannot parse through unchanged", () => {
    expect(clientNetwork("not-an-address")).toBe("not-an-address");
    expect(clientNetwork("1::2::3")).toBe("1::2::3");
  });
});
