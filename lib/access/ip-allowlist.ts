import ipaddr from "ipaddr.js";

/** Entries one key or client may list; enough for offices and cloud egress ranges. */
export const MAX_ALLOWLIST_ENTRIES = 50;

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/** Entries as typed in the form: separated by commas, spaces or new lines. */
export function splitAllowlist(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * An IPv4-mapped IPv6 range (::ffff:a.b.c.d/prefix ≥ 96) is an IPv4 range: callers reach us on a
 * dual-stack socket as either form, and both must match the same entry.
 */
function unmapped([address, bits]: Range): Range {
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return [address, bits];
}

function parseEntry(entry: string): Range | null {
  // Zone ids name a local interface: meaningless for a remote caller.
  if (entry.includes("%")) return null;
  if (entry.includes("/")) {
    if (ipaddr.IPv4.isValidCIDRFourPartDecimal(entry)) return ipaddr.IPv4.parseCIDR(entry);
    if (ipaddr.IPv6.isValidCIDR(entry)) return unmapped(ipaddr.IPv6.parseCIDR(entry));
    return null;
  }
  // Four-part decimal only: "127.1" or "0x7f.0.0.1" are legal for inet_aton but surprising here.
  if (ipaddr.IPv4.isValidFourPartDecimal(entry)) return [ipaddr.IPv4.parse(entry), 32];
  if (ipaddr.IPv6.isValid(entry)) return unmapped([ipaddr.IPv6.parse(entry), 128]);
  return null;
}

/**
 * The canonical spelling of one entry, or null when it is not an IPv4/IPv6 address or CIDR range:
 * single addresses without a prefix, ranges on their network address ("203.0.113.7/24" becomes
 * "203.0.113.0/24"), IPv6 in RFC 5952 form, IPv4-mapped IPv6 as IPv4.
 */
export function normaliseAllowlistEntry(entry: string): string | null {
  const range = parseEntry(entry.trim());
  if (!range) return null;
  const [address, bits] = range;
  const full = address.kind() === "ipv4" ? 32 : 128;
  if (bits === full) return address.toString();
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${bits}`);
  return `${network.toString()}/${bits}`;
}

export type AllowlistParse = { ok: true; entries: string[] } | { ok: false; invalid: string[] };

/** Normalises a whole list (deduplicated, in the order given) or names every invalid entry. */
export function parseAllowlist(entries: string[]): AllowlistParse {
  const invalid: string[] = [];
  const normalised: string[] = [];
  for (const entry of entries) {
    const canonical = normaliseAllowlistEntry(entry);
    if (canonical === null) invalid.push(entry);
    else if (!normalised.includes(canonical)) normalised.push(canonical);
  }
  return invalid.length ? { ok: false, invalid } : { ok: true, entries: normalised };
}

// Parsed forms of stored lists. Only parsing is remembered, never a decision: the list itself comes
// from the verification lookup of each request, so an edit applies to the very next one.
const compiled = new Map<string, Range[]>();
const MAX_COMPILED = 1000;

function compile(entries: readonly string[]): Range[] {
  const id = entries.join(",");
  let ranges = compiled.get(id);
  if (!ranges) {
    ranges = entries.map(parseEntry).filter((r): r is Range => r !== null);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(id, ranges);
  }
  return ranges;
}

/**
 * Whether a caller at `ip` may use a credential whose allowlist is `entries`. An empty list allows
 * everyone; otherwise an unknown or unparseable caller address is refused.
 */
export function ipAllowed(entries: readonly string[], ip: string | null): boolean {
  if (entries.length === 0) return true;
  if (!ip) return false;
  let caller: Address;
  try {
    // process() turns an IPv4-mapped IPv6 address (::ffff:203.0.113.7) into IPv4.
    caller = ipaddr.process(ip.trim());
  } catch {
    return false;
  }
  return compile(entries).some(
    ([network, bits]) => network.kind() === caller.kind() && caller.match(network, bits),
  );
}
