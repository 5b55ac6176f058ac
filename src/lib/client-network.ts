/**
 * The network a client address stands for, as rate limits count it: an IPv4 address as it is,
 * an IPv6 address by its /64 — one host is handed a whole /64 and can pick any address in it, so
 * counting single IPv6 addresses would limit nobody. IPv4-mapped IPv6 (`::ffff:192.0.2.1`) is
 * the IPv4 address; a zone (`%eth0`) is dropped. Anything unparsable is counted as it came.
 */
export function clientNetwork(address: string): string {
  const bare = address
    .trim()
    .toLowerCase()
    .replace(/%.*$/, "")
    .replace(/^\[|\]$/g, "");
  const mapped = /^(?:0{0,4}:){0,5}(?:0{0,4}:)?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(
    bare.replace(/^::/, "0:0:0:0:0:"),
  )?.[1];
  if (mapped) return mapped;
  if (!bare.includes(":")) return bare;
  const halves = bare.split("::");
  if (halves.length > 2) return bare;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return bare;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return bare;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
