import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

/**
 * Keeps the webhook sender from being aimed at the server's own network (SSRF): callback URLs must
 * be http(s), and their host may not be, or resolve to, a loopback, private, link-local, CGNAT,
 * unique-local, unspecified, multicast or reserved address, unless `allowPrivate` is set
 * (`CANDID_WEBHOOK_ALLOW_PRIVATE=1`, for development and tests).
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
// Address classification
// ---------------------------------------------------------------------------------------------

type V4Range = [a: number, b: number, c: number, d: number, prefix: number, label: string];

const V4_BLOCKED: V4Range[] = [
  [0, 0, 0, 0, 8, 'unspecified ("this network")'],
  [10, 0, 0, 0, 8, 'private (10.0.0.0/8)'],
  [100, 64, 0, 0, 10, 'carrier-grade NAT (100.64.0.0/10)'],
  [127, 0, 0, 0, 8, 'loopback'],
  [169, 254, 0, 0, 16, 'link-local (169.254.0.0/16, cloud metadata)'],
  [172, 16, 0, 0, 12, 'private (172.16.0.0/12)'],
  [192, 0, 0, 0, 24, 'IETF protocol assignments (192.0.0.0/24)'],
  [192, 168, 0, 0, 16, 'private (192.168.0.0/16)'],
  [198, 18, 0, 0, 15, 'benchmarking (198.18.0.0/15)'],
  [224, 0, 0, 0, 4, 'multicast'],
  [240, 0, 0, 0, 4, 'reserved (240.0.0.0/4, broadcast)'],
];

function v4ToInt(bytes: readonly number[]): number {
  return ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
}

function classifyV4(bytes: readonly number[]): string | null {
  const value = v4ToInt(bytes);
  for (const [a, b, c, d, prefix, label] of V4_BLOCKED) {
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    if ((value & mask) >>> 0 === (v4ToInt([a, b, c, d]) & mask) >>> 0) return label;
  }
  return null;
}

function parseV4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
}

/** 16 bytes of an IPv6 address (zone id dropped), or null. */
function parseV6(text: string): number[] | null {
  let address = text.replace(/^\[|\]$/g, '');
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  let tail: number[] = [];
  const lastColon = address.lastIndexOf(':');
  if (address.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(address.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    address = `${address.slice(0, lastColon + 1)}0:0`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const fill = halves.length === 2 ? 8 - head.length - rest.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return null;
  const all = [...head, ...Array<string>(fill).fill('0'), ...rest];
  if (all.length !== 8 || !all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  const bytes = all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function classifyV6(bytes: number[]): string | null {
  const zeroUpTo = (n: number) => bytes.slice(0, n).every((b) => b === 0);
  const embedded = (at: number) => bytes.slice(at, at + 4);
  if (zeroUpTo(16)) return 'unspecified (::)';
  if (zeroUpTo(15) && bytes[15] === 1) return 'loopback (::1)';
  // ::ffff:a.b.c.d (IPv4-mapped) and the deprecated ::a.b.c.d (IPv4-compatible): judge the IPv4 address.
  if (zeroUpTo(10) && bytes[10] === 0xff && bytes[11] === 0xff) {
    const inner = classifyV4(embedded(12));
    return inner ? `IPv4-mapped ${inner}` : null;
  }
  if (zeroUpTo(12)) return 'IPv4-compatible (deprecated ::/96)';
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address a gateway may reach.
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && bytes.slice(4, 12).every((b) => b === 0)) {
    const inner = classifyV4(embedded(12));
    return inner ? `NAT64 of ${inner}` : null;
  }
  if (bytes[0] === 0x20 && bytes[1] === 0x02) {
    const inner = classifyV4(embedded(2));
    return inner ? `6to4 of ${inner}` : null;
  }
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return 'link-local (fe80::/10)';
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0xc0) return 'site-local (fec0::/10, deprecated)';
  if ((bytes[0]! & 0xfe) === 0xfc) return 'unique-local (fc00::/7)';
  if (bytes[0] === 0xff) return 'multicast (ff00::/8)';
  return null;
}

/**
 * Why `address` (an IPv4 or IPv6 literal) is not a public unicast address, e.g. `'loopback'`;
 * null when it is public. Throws on text that is not an IP address.
 */
export function nonPublicAddressReason(address: string): string | null {
  const family = isIP(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (family === 4) return classifyV4(parseV4(address)!);
  if (family === 6) {
    const bytes = parseV6(address);
    if (!bytes) throw new TypeError(`Not an IP address: ${address}`);
    return classifyV6(bytes);
  }
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
