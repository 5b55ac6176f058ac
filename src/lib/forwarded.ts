/**
 * The client address and scheme as a trusted reverse proxy reports them (TRUST_PROXY). The rule:
 * the proxy appends the address it received the request from to X-Forwarded-For, so the
 * **right-most** entry is the one it added; entries to its left came from the client and can say
 * anything. Likewise the right-most X-Forwarded-Proto value. Exactly one proxy is trusted: with a
 * chain of proxies, have the one in front of this server overwrite the headers (or forward its
 * own peer's address), or the address read is that of the next proxy.
 */

/** IPv4 or IPv6 (optionally with a zone or port, as some proxies write it): only these characters. */
const ADDRESS = /^[0-9A-Za-z.:%[\]_-]{2,64}$/;

const rightMost = (header: string | undefined): string | undefined => header?.split(",").at(-1)?.trim() || undefined;

/** The address the trusted proxy added to X-Forwarded-For; undefined when there is none or it does not look like an address. */
export function forwardedClient(xForwardedFor: string | undefined): string | undefined {
  const address = rightMost(xForwardedFor);
  return address && ADDRESS.test(address) ? address : undefined;
}

/** The scheme the trusted proxy received the request on; undefined when it says neither http nor https. */
export function forwardedScheme(xForwardedProto: string | undefined): "http" | "https" | undefined {
  const scheme = rightMost(xForwardedProto)?.toLowerCase();
  return scheme === "http" || scheme === "https" ? scheme : undefined;
}
