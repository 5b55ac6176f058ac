/** Random identifiers from WebCrypto, which both Node and Workers provide; SHA-256 in hex. */
import { createHash } from "node:crypto";

/** A URL-safe token of `bytes` random bytes (16 bytes = 128 bits). */
export function randomToken(bytes = 16): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = "";
  for (const b of buf) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Random, not sequential: ids reveal nothing about order or time. */
export function randomId(): string {
  return crypto.randomUUID();
}

/**
 * SHA-256 of `text`, in hex. Synchronous `node:crypto` (Node, and Workers with `nodejs_compat`):
 * WebCrypto's `subtle.digest` took a thread-pool hop, twice on every submission to a round on codes.
 */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Letters and digits that cannot be mistaken for one another when read off a terminal (no 0/o, 1/l/i). */
const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A random password of `length` characters (16: about 79 bits), each uniform over PASSWORD_ALPHABET. */
export function randomPassword(length = 16): string {
  let password = "";
  // Rejection sampling: bytes from 248 up would favour the first characters.
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  while (password.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length))) {
      if (b < limit && password.length < length) password += PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length];
    }
  }
  return password;
}
