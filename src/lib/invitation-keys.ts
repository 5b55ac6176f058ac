/**
 * Keys of staff invitations kept for reminders (WebCrypto only, so Node and Workers alike), under a
 * server secret, INVITATION_KEY_SECRET:
 * - the address key, HMAC-SHA-256(secret, "address" ␀ campaign id ␀ address) in hex: whoever reads
 *   the table without the secret cannot tell whose row it is (a plain hash of an address is no
 *   secret: a staff directory is a short list to try);
 * - the seal of the code, AES-256-GCM under HMAC-SHA-256(secret, "seal" ␀ campaign id ␀ address):
 *   only someone holding both the address and the secret can recover the code, so a reminder can
 *   carry the same personal link while the table holds no code.
 * Without a secret (development only) a random key is made per process: reminders then work only
 * in the process that invited.
 */

export interface InvitationKeys {
  addressKey(campaignId: string, address: string): Promise<string>;
  seal(campaignId: string, address: string, code: string): Promise<string>;
  /** The code, or null when the seal does not open under this address and secret. */
  unseal(campaignId: string, address: string, sealed: string): Promise<string | null>;
}

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
const IV_BYTES = 12;

export function createInvitationKeys(secret?: string): InvitationKeys {
  let key: Promise<CryptoKey> | undefined;
  // Made on first use: Workers refuse random numbers outside a request.
  const current = () =>
    (key ??= secret
      ? crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      : (crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]) as Promise<CryptoKey>));
  // NUL never occurs in an id or an address, so distinct inputs never collide.
  const mac = async (...parts: string[]) =>
    crypto.subtle.sign("HMAC", await current(), encoder.encode(parts.join("\0")));
  const sealKey = async (campaignId: string, address: string) =>
    crypto.subtle.importKey("raw", await mac("seal", campaignId, address), { name: "AES-GCM" }, false, [
      "encrypt",
      "decrypt",
    ]);
  return {
    async addressKey(campaignId, address) {
      return hex(await mac("address", campaignId, address));
    },
    async seal(campaignId, address, code) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt(
          { name: "AES-GCM", iv, additionalData: encoder.encode(campaignId) },
          await sealKey(campaignId, address),
          encoder.encode(code),
        ),
      );
      const out = new Uint8Array(IV_BYTES + sealed.length);
      out.set(iv);
      out.set(sealed, IV_BYTES);
      return toBase64(out);
    },
    async unseal(campaignId, address, sealed) {
      try {
        const bytes = fromBase64(sealed);
        const plain = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: bytes.slice(0, IV_BYTES), additionalData: encoder.encode(campaignId) },
          await sealKey(campaignId, address),
          bytes.slice(IV_BYTES),
        );
        return new TextDecoder().decode(plain);
      } catch {
        return null;
      }
    },
  };
}
