/**
 * Keys to count a client by without holding its address: HMAC-SHA-256 under a random secret that
 * exists only in this process's memory, in this module's closure, and is replaced every 24 hours.
 * Once replaced, yesterday's keys can no longer be recomputed from an address — not by this
 * process, nor by whoever reads its memory later; a plain hash of an address could be (there are
 * only 2³² IPv4 addresses to try).
 *
 * Synchronous `node:crypto` (Node, and Workers with `nodejs_compat`): WebCrypto's `subtle.sign`
 * took a thread-pool hop on every submission, about a tenth of the submission path's time.
 */
import { createHmac, randomBytes } from "node:crypto";

export const SECRET_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface ClientKeys {
  /** The key of `text` under the secret current at `nowMs`: the HMAC's first 128 bits, in hex (plenty to tell clients apart, half the memory). */
  keyOf(text: string, nowMs: number): string;
}

/** `onReplaced` runs each time the secret is replaced, to drop everything counted under the old one. */
export function createClientKeys(onReplaced: () => void = () => {}, lifetimeMs = SECRET_LIFETIME_MS): ClientKeys {
  let secret: { key: Buffer; createdAt: number } | undefined;
  return {
    keyOf(text, nowMs) {
      // Made on first use, not at start: Workers refuse random numbers outside a request.
      if (!secret || nowMs - secret.createdAt >= lifetimeMs || nowMs < secret.createdAt) {
        if (secret) {
          secret.key.fill(0);
          onReplaced();
        }
        secret = { key: randomBytes(32), createdAt: nowMs };
      }
      return createHmac("sha256", secret.key).update(text).digest("hex").slice(0, 32);
    },
  };
}
