import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebhookUrlError, assertWebhookUrlResolvesPublic, checkWebhookUrl, nonPublicAddressReason, pinnedLookup } from '../src/webhooks/url-guard.js';

/**
 * Class 3 of the attack run (SSRF): the webhook URL guard's hand-written range parsing missed
 * IPv4-mapped addresses in some spellings, the NAT64 local-use prefix 64:ff9b:1::/48 and more.
 * Classification is ipaddr.js's now; this walks every range of the IANA IPv4 and IPv6
 * special-purpose address registries (and multicast), as literals, in URLs, and as DNS answers.
 */

/** [address, what it is]: one (or more) per special-purpose block; every one must be refused. */
const REFUSED: Array<[string, string]> = [
  // IPv4 special-purpose registry (RFC 6890 and successors), multicast, broadcast.
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', '"this network" 0.0.0.0/8'],
  ['10.0.0.1', 'private 10/8'],
  ['10.255.255.255', 'private 10/8, last'],
  ['100.64.0.1', 'CGNAT 100.64/10'],
  ['100.127.255.255', 'CGNAT, last'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback, far end'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['172.16.0.1', 'private 172.16/12'],
  ['172.31.255.255', 'private 172.16/12, last'],
  ['192.0.0.1', 'IETF protocol assignments 192.0.0/24 (DS-Lite)'],
  ['192.0.0.9', 'PCP anycast'],
  ['192.0.0.170', 'NAT64/DNS64 discovery'],
  ['192.0.2.10', 'documentation TEST-NET-1'],
  ['192.31.196.1', 'AS112-v4'],
  ['192.52.193.1', 'AMT'],
  ['192.88.99.1', 'deprecated 6to4 relay anycast'],
  ['192.168.1.1', 'private 192.168/16'],
  ['192.175.48.1', 'AS112 direct delegation'],
  ['198.18.0.1', 'benchmarking 198.18/15'],
  ['198.19.255.255', 'benchmarking, last'],
  ['198.51.100.7', 'documentation TEST-NET-2'],
  ['203.0.113.7', 'documentation TEST-NET-3'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast (SSDP)'],
  ['240.0.0.1', 'reserved 240/4'],
  ['255.255.255.254', 'reserved 240/4, near the end'],
  ['255.255.255.255', 'limited broadcast'],
  // IPv6 special-purpose registry.
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback, long form'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
  ['0:0:0:0:0:ffff:a9fe:a9fe', 'IPv4-mapped link-local, hex, long form'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
  ['::ffff:0.0.0.0', 'IPv4-mapped unspecified'],
  ['::ffff:0:7f00:1', 'IPv4-translated ::ffff:0:0:0/96'],
  ['::ffff:0:808:808', 'IPv4-translated, even of a public address'],
  ['::127.0.0.1', 'IPv4-compatible (deprecated ::/96)'],
  ['::7f00:1', 'IPv4-compatible, hex'],
  ['::8.8.8.8', 'IPv4-compatible of a public address'],
  ['64:ff9b::7f00:1', 'NAT64 well-known of loopback'],
  ['64:ff9b::10.0.0.1', 'NAT64 well-known of private'],
  ['64:ff9b::a9fe:a9fe', 'NAT64 well-known of link-local'],
  ['64:ff9b:1::808:808', 'NAT64 local-use 64:ff9b:1::/48, even of a public address'],
  ['64:ff9b:1:ffff::a00:1', 'NAT64 local-use, far end'],
  ['100::1', 'discard-only 100::/64'],
  ['100:0:0:1::1', 'dummy prefix 100:0:0:1::/64 (outside 2000::/3)'],
  ['2001::1', 'Teredo 2001::/32'],
  ['2001:0:7f00:1::1', 'Teredo with a loopback server'],
  ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'Teredo whose client is 10.0.0.1 (obfuscated)'],
  ['2001:1::1', 'port control anycast'],
  ['2001:1::2', 'TURN anycast'],
  ['2001:2::1', 'benchmarking 2001:2::/48'],
  ['2001:3::1', 'AMT'],
  ['2001:4:112::1', 'AS112-v6'],
  ['2001:10::1', 'ORCHID (deprecated)'],
  ['2001:20::1', 'ORCHIDv2'],
  ['2001:30::1', 'drone remote ID'],
  ['2001:1ff::1', 'IETF protocol assignments 2001::/23, last /32s'],
  ['2001:db8::1', 'documentation 2001:db8::/32'],
  ['2002:7f00:1::1', '6to4 of loopback'],
  ['2002:a00:1::1', '6to4 of private'],
  ['2002:a9fe:a9fe::', '6to4 of link-local'],
  ['2002:c0a8:101::1', '6to4 of private 192.168'],
  ['2620:4f:8000::1', 'AS112 direct delegation v6'],
  ['3fff::1', 'documentation 3fff::/20'],
  ['5f00::1', 'segment routing SIDs 5f00::/16'],
  ['fc00::1', 'unique-local fc00::/7'],
  ['fd12:3456:789a::1', 'unique-local fd'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local with a zone id'],
  ['febf::1', 'link-local, last'],
  ['fec0::1', 'site-local (deprecated)'],
  ['ff02::1', 'multicast'],
  ['ff0e::1', 'multicast, global scope'],
  ['4000::1', 'unallocated (outside 2000::/3)'],
  ['e000::1', 'unallocated (outside 2000::/3)'],
];

/** Public addresses, including the edges of the blocks above. */
const ALLOWED = [
  '8.8.8.8', '1.1.1.1', '93.184.216.34', '9.255.255.255', '11.0.0.0', '100.63.255.255', '100.128.0.0', '126.255.255.255', '128.0.0.0',
  '169.253.255.255', '169.255.0.0', '172.15.255.255', '172.32.0.0', '192.0.1.1', '192.167.255.255', '192.169.0.0', '198.17.255.255',
  '198.20.0.0', '223.255.255.255',
  '2606:4700:4700::1111', '2a00:1450:4001:81b::200e', '2001:200::1', '2001:4860:4860::8888', '2003::1', '3ffe::1',
  '::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::808:808', '64:ff9b::8.8.8.8', '2002:808:808::1',
];

describe('webhook URL guard: IANA special-purpose ranges (ipaddr.js)', () => {
  it('refuses an address from every IPv4 and IPv6 special-purpose block, and says which', () => {
    const missed = REFUSED.filter(([address]) => nonPublicAddressReason(address) === null).map(([address, what]) => `${address} (${what})`);
    assert.deepEqual(missed, []);
    assert.match(nonPublicAddressReason('::ffff:7f00:1')!, /IPv4-mapped loopback/);
    assert.match(nonPublicAddressReason('64:ff9b:1::808:808')!, /NAT64 local-use/);
    assert.match(nonPublicAddressReason('2002:a00:1::1')!, /6to4 of private \(10\.0\.0\.0\/8\)/);
    assert.match(nonPublicAddressReason('64:ff9b::a9fe:a9fe')!, /NAT64 of link-local/);
    assert.match(nonPublicAddressReason('198.51.100.7')!, /documentation/);
    assert.match(nonPublicAddressReason('198.18.0.1')!, /benchmarking/);
  });

  it('allows public unicast, including the addresses next to each block', () => {
    assert.deepEqual(ALLOWED.filter((address) => nonPublicAddressReason(address) !== null).map((a) => `${a}: ${nonPublicAddressReason(a)}`), []);
  });

  it('throws on text that is not an IP address', () => {
    for (const text of ['localhost', '0x7f.1', '127.1', '1.2.3', '::g', '']) assert.throws(() => nonPublicAddressReason(text), /Not an IP address/, text);
  });

  it('refuses URLs whose host is such a literal, in every spelling the URL parser normalises', () => {
    const urls = [
      ...REFUSED.filter(([a]) => !a.includes('%')).map(([a]) => (a.includes(':') ? `http://[${a}]/hooks` : `http://${a}/hooks`)),
      'http://0177.0.0.1/', 'http://0x7f000001/', 'http://2130706433/', 'http://127.1/', 'http://0/', 'http://[::ffff:127.0.0.1]:8080/',
      'http://[0:0:0:0:0:ffff:7f00:0001]/', 'http://[64:FF9B:1::A00:1]/', 'https://169.254.169.254./latest/meta-data',
    ];
    for (const url of urls) {
      assert.throws(() => checkWebhookUrl(url, { allowPrivate: false }), (e: unknown) => e instanceof WebhookUrlError && e.code === 'PRIVATE_ADDRESS', url);
      assert.doesNotThrow(() => checkWebhookUrl(url, { allowPrivate: true }), url);
    }
    for (const address of ALLOWED) assert.doesNotThrow(() => checkWebhookUrl(address.includes(':') ? `https://[${address}]/h` : `https://${address}/h`, { allowPrivate: false }), address);
  });

  it('refuses DNS names that resolve to any such address, at start-up and inside the connection', async () => {
    for (const [address, what] of REFUSED.filter(([a]) => !a.includes('%'))) {
      const resolveAll = async () => [{ address: '93.184.216.34', family: 4 }, { address, family: address.includes(':') ? 6 : 4 }];
      await assert.rejects(
        assertWebhookUrlResolvesPublic('https://hooks.example.com/x', { allowPrivate: false, resolveAll }),
        (e: unknown) => e instanceof WebhookUrlError && e.code === 'PRIVATE_ADDRESS' && e.message.includes(address),
        `${address} (${what})`,
      );
      const lookup = pinnedLookup({ allowPrivate: false, resolveAll });
      const error = await new Promise<Error | null>((resolve) => lookup('hooks.example.com', { all: true }, (err) => resolve(err)));
      assert.ok(error instanceof WebhookUrlError && error.code === 'PRIVATE_ADDRESS', `pinned lookup of ${address} (${what})`);
    }
    for (const address of ALLOWED) {
      const resolveAll = async () => [{ address, family: address.includes(':') ? 6 : 4 }];
      await assertWebhookUrlResolvesPublic('https://hooks.example.com/x', { allowPrivate: false, resolveAll });
      const found = await new Promise<unknown>((resolve, reject) => pinnedLookup({ allowPrivate: false, resolveAll })('hooks.example.com', { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));
      assert.deepEqual(found, [{ address, family: address.includes(':') ? 6 : 4 }]);
    }
  });
});
