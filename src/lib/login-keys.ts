/**
 * Keys of the login attempt counters: HMAC-SHA-256 (WebCrypto, on Node and Workers) under a
 * server secret, LOGIN_KEY_SECRET. A plain hash of an address is no secret — there are only 2³²
 * IPv4 addresses to try — so whoever reads `login_failures` without the secret learns neither the
 * addresses nor the accounts behind its rows. The secret is shared by every process and isolate
 * that counts (the counters live in the database); without one (allowed only outside production
 * on Node) a random key is made in memory on first use, so counters start afresh at a restart.
 */

export interface LoginKeys {
  /** The key of `parts` for a counter of `kind`: `kind:` then the HMAC's hex. */
  keyOf(kind: string, ...parts: string[]): Promise<string>;
}

export function createLoginKeys(secret?: string): LoginKeys {
  const encoder = new TextEncoder();
  let key: Promise<CryptoKey> | undefined;
  // Made on first use, not at start: Workers refuse random numbers outside a request.
  const current = () =>
    (key ??= secret
      ? crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      : (crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]) as Promise<CryptoKey>));
  return {
    async keyOf(kind, ...parts) {
      // NUL never occurs in an email or an address, so distinct part lists never collide.
      const mac = await crypto.subtle.sign("HMAC", await current(), encoder.encode([kind, ...parts].join("\0")));
      return `${kind}:${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
    },
  };
}
