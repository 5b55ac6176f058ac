/**
 * Keys to count a client by without holding its address: HMAC-SHA-256 (WebCrypto, on Node and
 * Workers) under a random secret that exists only in this process's memory, cannot be exported,
 * and is replaced every 24 hours. Once replaced, yesterday's keys can no longer be recomputed
 * from an address — not by this process, nor by whoever reads its memory later; a plain hash of
 * an address could be (there are only 2³² IPv4 addresses to try).
 */

export const SECRET_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface ClientKeys {
  /** The key of `text` under the secret current at `nowMs`: the HMAC's first 128 bits, in hex (plenty to tell clients apart, half the memory). */
  keyOf(text: string, nowMs: number): Promise<string>;
}

/** `onReplaced` runs each time the secret is replaced, to drop everything counted under the old one. */
export function createClientKeys(onReplaced: () => void = () => {}, lifetimeMs = SECRET_LIFETIME_MS): ClientKeys {
  let secret: { key: Promise<CryptoKey>; createdAt: number } | undefined;
  const encoder = new TextEncoder();
  return {
    async keyOf(text, nowMs) {
      // Made on first use, not at start: Workers refuse random numbers outside a request.
      if (!secret || nowMs - secret.createdAt >= lifetimeMs || nowMs < secret.createdAt) {
        if (secret) onReplaced();
        secret = {
          key: crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
          createdAt: nowMs,
        };
      }
      const mac = await crypto.subtle.sign("HMAC", await secret.key, encoder.encode(text));
      return [...new Uint8Array(mac, 0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
    },
  };
}
