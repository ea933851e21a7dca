// Copyright The loopback-security-monorepo authors. License: MIT.

import {isIPv4, isIPv6} from 'node:net';

/**
 * The 16-bit groups of an IPv6 address that name its network: a /64
 */
const NETWORK_GROUPS = 4;

/**
 * The network a login limit counts a client address in.
 *
 * @remarks
 * One IPv6 client usually holds a whole /64 and may pick any address in it,
 * so counting each address apart would give it billions of budgets: the
 * addresses of one /64 are counted together. An IPv4 address stands alone,
 * and an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`, as a dual-stack socket
 * reports an IPv4 client) is the IPv4 address it maps. Anything else, which a
 * socket does not report, is kept as it is.
 *
 * @param address - The client address, as the socket reports it
 * @returns `ipv4:<address>` or `ipv6:<first four groups>/64`
 */
export function clientNetwork(address: string): string {
  // A zone (`fe80::1%eth0`) names the interface, not the client.
  const bare = address.split('%')[0];
  if (isIPv4(bare)) return `ipv4:${bare}`;
  if (!isIPv6(bare)) return `other:${address}`;
  const groups = ipv6Groups(bare);
  if (isIPv4Mapped(groups)) {
    const [high, low] = groups.slice(6);
    return `ipv4:${[high >> 8, high & 255, low >> 8, low & 255].join('.')}`;
  }
  const network = groups.slice(0, NETWORK_GROUPS).map(g => g.toString(16));
  return `ipv6:${network.join(':')}::/64`;
}

/**
 * The eight 16-bit groups of a valid IPv6 address
 */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    // The last 32 bits written as IPv4: turn them into two groups.
    const [a, b, c, d] = dotted.slice(1).map(Number);
    const tail = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    text = text.slice(0, dotted.index) + tail;
  }
  const [head, rest] = text.split('::');
  const parse = (part: string | undefined) =>
    part ? part.split(':').map(g => parseInt(g, 16)) : [];
  const first = parse(head);
  const last = parse(rest);
  const zeros =
    rest === undefined ? [] : new Array(8 - first.length - last.length).fill(0);
  return [...first, ...zeros, ...last];
}

function isIPv4Mapped(groups: number[]): boolean {
  return groups.slice(0, 5).every(g => g === 0) && groups[5] === 0xffff;
}
