import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Keeps the webhook sender from being aimed at the server's own network (SSRF): callback URLs must
 * be http(s), and their host may not be, or resolve to, anything but a global unicast address:
 * every range of the IANA IPv4 and IPv6 special-purpose registries is refused (loopback, private,
 * link-local, CGNAT, unique-local, unspecified, broadcast, multicast, documentation, benchmarking,
 * reserved, NAT64 local-use, Teredo, ...), and addresses that embed an IPv4 address (IPv4-mapped,
 * NAT64 well-known, 6to4) are judged by that address; classification is ipaddr.js's, not
 * hand-written. Unless `allowPrivate` is set (`CANDID_WEBHOOK_ALLOW_PRIVATE=1`, for development and tests).
 *
 * Where the check happens:
 * 1. At startup, {@link checkWebhookUrl} (syntax, scheme, literal addresses, `localhost`) runs when
 *    the webhook service is built, and {@link assertWebhookUrlResolvesPublic} resolves the host once
 *    when the delivery worker starts: a bad configuration fails `start()` with a clear message.
 * 2. At every delivery, {@link checkWebhookUrl} runs again and the connection resolves the host
 *    through {@link pinnedLookup}: the addresses are checked inside the socket's own DNS lookup, and
 *    the socket connects to exactly the addresses that passed.
 *
 * TOCTOU: because the check happens inside the lookup the socket uses, there is no window between
 * "checked" and "connected" for DNS rebinding to exploit (a separate `dns.lookup` before the
 * request would have one). What remains: (a) a keep-alive socket would skip the lookup, so the
 * sender uses no keep-alive agent; (b) redirects are never followed, so a public URL cannot bounce
 * the request inward; (c) HTTP proxies are not used (Node's http client ignores HTTP(S)_PROXY); (d) the
 * receiver's network path beyond the first hop is theirs. With `allowPrivate`, no address is refused.
 */

/** Why a URL was refused; `message` says what to do. */
export class WebhookUrlError extends Error {
  // Set literally: minifiers rename classes, so constructor.name is unreliable.
  override readonly name = 'WebhookUrlError';
  readonly code: 'INVALID_URL' | 'UNSUPPORTED_PROTOCOL' | 'PRIVATE_ADDRESS' | 'DNS_FAILED';

  constructor(code: WebhookUrlError['code'], message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.code = code;
  }
}

/** `dns.lookup` with `{ all: true }`, injectable for tests. */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolveAll: ResolveAll = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

const ALLOW_HINT = 'Set CANDID_WEBHOOK_ALLOW_PRIVATE=1 (webhookAllowPrivate: true) only for development and tests, where the receiver runs on your own machine or network.';

// ---------------------------------------------------------------------------------------------
// Address classification (ipaddr.js: the IANA IPv4 and IPv6 special-purpose registries)
// ---------------------------------------------------------------------------------------------

/** Why each ipaddr.js special range is refused (every range but `unicast` is). */
const V4_LABELS: Record<string, string> = {
  unspecified: 'unspecified ("this network", 0.0.0.0/8)',
  broadcast: 'broadcast (255.255.255.255)',
  multicast: 'multicast (224.0.0.0/4)',
  linkLocal: 'link-local (169.254.0.0/16, cloud metadata)',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  private: 'private (RFC 1918)',
  reserved: 'reserved',
  as112: 'AS112 DNS sink (192.175.48.0/24, 192.31.196.0/24)',
  amt: 'AMT multicast relay (192.52.193.0/24)',
};

const V6_LABELS: Record<string, string> = {
  unspecified: 'unspecified (::)',
  loopback: 'loopback (::1)',
  linkLocal: 'link-local (fe80::/10)',
  multicast: 'multicast (ff00::/8)',
  uniqueLocal: 'unique-local (fc00::/7)',
  deprecatedSiteLocal: 'site-local (fec0::/10, deprecated)',
  discard: 'discard-only (100::/64)',
  rfc6145: 'IPv4-translated (::ffff:0:0:0/96)',
  teredo: 'Teredo tunnel (2001::/32)',
  benchmarking: 'benchmarking (2001:2::/48)',
  amt: 'AMT multicast relay (2001:3::/32)',
  as112v6: 'AS112 DNS sink',
  deprecatedOrchid: 'ORCHID (2001:10::/28, deprecated)',
  orchid2: 'ORCHIDv2 (2001:20::/28)',
  droneRemoteIdProtocolEntityTags: 'drone remote ID tags (2001:30::/28)',
  segmentRouting: 'segment routing SIDs (5f00::/16)',
  reserved: 'reserved',
};

/** Ranges ipaddr.js groups under one name, told apart in messages. */
const DETAILS: Record<string, Array<[string, string]>> = {
  private: [['10.0.0.0/8', 'private (10.0.0.0/8)'], ['172.16.0.0/12', 'private (172.16.0.0/12)'], ['192.168.0.0/16', 'private (192.168.0.0/16)']],
  reserved: [
    ['192.0.0.0/24', 'IETF protocol assignments (192.0.0.0/24)'],
    ['192.0.2.0/24', 'documentation (192.0.2.0/24)'],
    ['192.88.99.0/24', 'deprecated 6to4 relay anycast (192.88.99.0/24)'],
    ['198.18.0.0/15', 'benchmarking (198.18.0.0/15)'],
    ['198.51.100.0/24', 'documentation (198.51.100.0/24)'],
    ['203.0.113.0/24', 'documentation (203.0.113.0/24)'],
    ['240.0.0.0/4', 'reserved (240.0.0.0/4)'],
    ['2001::/23', 'IETF protocol assignments (2001::/23)'],
    ['2001:db8::/32', 'documentation (2001:db8::/32)'],
    ['3fff::/20', 'documentation (3fff::/20)'],
  ],
};
const DETAIL_RANGES = Object.fromEntries(
  Object.entries(DETAILS).map(([name, list]) => [name, list.map(([cidr, label]) => ({ cidr: ipaddr.parseCIDR(cidr), label }))]),
);

function label(address: ipaddr.IPv4 | ipaddr.IPv6, range: string, labels: Record<string, string>): string {
  const detail = DETAIL_RANGES[range]?.find(({ cidr }) => cidr[0].kind() === address.kind() && address.match(cidr));
  return detail?.label ?? labels[range] ?? `special-purpose (${range})`;
}

const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
const NAT64_LOCAL_USE = ipaddr.IPv6.parseCIDR('64:ff9b:1::/48');
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

function classifyV4(address: ipaddr.IPv4): string | null {
  const range = address.range();
  return range === 'unicast' ? null : label(address, range, V4_LABELS);
}

/** The IPv4 address in bytes `at..at+3` of an IPv6 address. */
const embeddedV4 = (address: ipaddr.IPv6, at: number) => new ipaddr.IPv4(address.toByteArray().slice(at, at + 4));

function classifyV6(address: ipaddr.IPv6): string | null {
  const range = address.range();
  // ::ffff:a.b.c.d (also written ::ffff:7f00:1): the socket connects to the IPv4 address, so judge that.
  if (range === 'ipv4Mapped') {
    const inner = classifyV4(address.toIPv4Address());
    return inner ? `IPv4-mapped ${inner}` : null;
  }
  // NAT64, well-known prefix (RFC 6052): a DNS64 network gives public IPv4-only hosts such
  // addresses, so judge the IPv4 address the translator would reach. The local-use prefix
  // (64:ff9b:1::/48, RFC 8215) belongs to one network: refused whatever it embeds.
  if (address.match(NAT64_WELL_KNOWN)) {
    const inner = classifyV4(embeddedV4(address, 12));
    return inner ? `NAT64 of ${inner}` : null;
  }
  if (address.match(NAT64_LOCAL_USE)) return 'NAT64 local-use (64:ff9b:1::/48)';
  // 6to4 (2002:AABB:CCDD::/48) carries the IPv4 address of its relay end: judge it.
  if (range === '6to4') {
    const inner = classifyV4(embeddedV4(address, 2));
    return inner ? `6to4 of ${inner}` : null;
  }
  if (range !== 'unicast') return label(address, range, V6_LABELS);
  // Not in ipaddr's list, still not a place a webhook can live: ::a.b.c.d (IPv4-compatible,
  // deprecated, ::/96) and anything outside 2000::/3 (the only global unicast space IANA allocates).
  if (address.match(IPV4_COMPATIBLE)) return 'IPv4-compatible (deprecated ::/96)';
  if (!address.match(GLOBAL_UNICAST)) return 'not global unicast (outside 2000::/3)';
  return null;
}

/**
 * Why `address` (an IPv4 or IPv6 literal, brackets and zone id allowed) is not a public unicast
 * address, e.g. `'loopback'`; null when it is public. Throws on text that is not an IP address
 * (odd IPv4 spellings such as `0x7f.1` included: URLs normalise those before they get here).
 */
export function nonPublicAddressReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return classifyV4(ipaddr.IPv4.parse(bare));
  // Through the URL serializer first: ipaddr.js reads `::a.b.c.d` (IPv4-compatible) as if it were
  // `::ffff:a.b.c.d`; the WHATWG form (`::808:808`) has no dotted tail to misread.
  if (family === 6) return classifyV6(ipaddr.IPv6.parse(new URL(`http://[${bare}]/`).hostname.slice(1, -1)));
  throw new TypeError(`Not an IP address: ${address}`);
}

// ---------------------------------------------------------------------------------------------
// URL checks
// ---------------------------------------------------------------------------------------------

const isLocalhostName = (host: string) => {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === 'localhost.localdomain';
};

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string | URL): string {
  try {
    const parsed = new URL(String(url));
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[invalid URL]';
  }
}

/**
 * The checks that need no DNS: an absolute http(s) URL whose host is not a non-public IP literal
 * nor `localhost` (unless `allowPrivate`). Returns the parsed URL; throws {@link WebhookUrlError}.
 */
export function checkWebhookUrl(url: string, options: { allowPrivate: boolean }): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new WebhookUrlError('INVALID_URL', `The webhook URL ${JSON.stringify(url.slice(0, 200))} is not an absolute URL (e.g. https://ats.example.com/hooks/candid).`, { cause: error });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new WebhookUrlError('UNSUPPORTED_PROTOCOL', `The webhook URL must use https: (or http:); ${parsed.protocol} URLs are refused (${redactUrl(parsed)}).`);
  }
  if (options.allowPrivate) return parsed;
  // WHATWG URL parsing already normalized odd IPv4 spellings (2130706433, 0x7f.1) to dotted quads.
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isLocalhostName(host)) {
    throw new WebhookUrlError('PRIVATE_ADDRESS', `The webhook URL ${redactUrl(parsed)} points at localhost. ${ALLOW_HINT}`);
  }
  if (isIP(host)) {
    const reason = nonPublicAddressReason(host);
    if (reason) throw new WebhookUrlError('PRIVATE_ADDRESS', `The webhook URL ${redactUrl(parsed)} points at a ${reason} address, which is refused. ${ALLOW_HINT}`);
  }
  return parsed;
}

function refuseResolved(hostname: string, addresses: LookupAddress[]): void {
  for (const { address } of addresses) {
    const reason = nonPublicAddressReason(address);
    if (reason) {
      throw new WebhookUrlError(
        'PRIVATE_ADDRESS',
        `The webhook host ${hostname} resolves to ${address}, a ${reason} address, which is refused (one non-public address is enough: DNS answers can rotate). ${ALLOW_HINT}`,
      );
    }
  }
}

/**
 * {@link checkWebhookUrl} plus a DNS resolution of the host (every address): used at startup. At
 * delivery time the same rule is enforced by {@link pinnedLookup} inside the connection.
 */
export async function assertWebhookUrlResolvesPublic(url: string, options: { allowPrivate: boolean; resolveAll?: ResolveAll }): Promise<URL> {
  const parsed = checkWebhookUrl(url, options);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (options.allowPrivate || isIP(host)) return parsed;
  let addresses: LookupAddress[];
  try {
    addresses = await (options.resolveAll ?? systemResolveAll)(host);
  } catch (error) {
    throw new WebhookUrlError('DNS_FAILED', `The webhook host ${host} did not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { cause: error });
  }
  if (addresses.length === 0) throw new WebhookUrlError('DNS_FAILED', `The webhook host ${host} resolved to no address.`);
  refuseResolved(host, addresses);
  return parsed;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` / `net.connect` that resolves every address of the host, refuses
 * the connection if any is non-public (unless `allowPrivate`), and hands the socket exactly the
 * addresses it checked: the resolved address is pinned, so DNS rebinding between check and connect
 * is impossible. Handles both callback shapes Node uses (`all: true` with autoSelectFamily).
 */
export function pinnedLookup(options: { allowPrivate: boolean; resolveAll?: ResolveAll }) {
  const resolveAll = options.resolveAll ?? systemResolveAll;
  return (hostname: string, lookupOptions: { all?: boolean; family?: number | string } | number, callback: LookupCallback): void => {
    const opts = typeof lookupOptions === 'object' && lookupOptions !== null ? lookupOptions : {};
    resolveAll(hostname)
      .then((found) => {
        if (!options.allowPrivate) refuseResolved(hostname, found);
        const family = opts.family === 4 || opts.family === 'IPv4' ? 4 : opts.family === 6 || opts.family === 'IPv6' ? 6 : 0;
        const usable = family ? found.filter((a) => a.family === family) : found;
        if (usable.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = 'ENOTFOUND';
          callback(error, '');
          return;
        }
        if (opts.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, ''));
  };
}
