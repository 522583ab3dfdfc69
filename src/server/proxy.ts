/**
 * Which proxies to believe about the client's address and scheme
 * (X-Forwarded-For, -Proto, -Host). Believing a header anyone can send would
 * let a guesser give each sign-in a new address and dodge the per-address
 * limit, so nothing is trusted unless TRUST_PROXY says so.
 */
import { isIP } from 'node:net';

/** Fastify's trustProxy: false, true (any hop), a hop count, or addresses and CIDR ranges. */
export type TrustProxy = boolean | number | string[];

/** proxy-addr's names for common ranges. */
const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Fastify takes it: unset, empty or "false" trusts nothing;
 * "true" trusts every hop; a number trusts that many hops; otherwise a
 * comma-separated list of addresses, CIDR ranges or loopback/linklocal/uniquelocal.
 * Throws an Error naming the bad part.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!NAMED.has(entry) && (family === 0 || !bitsOk || extra !== undefined)) {
      throw new Error(`TRUST_PROXY: "${entry}" is not an address, a CIDR range or loopback/linklocal/uniquelocal; use false, true, a hop count or a comma-separated list`);
    }
  }
  return entries;
}
