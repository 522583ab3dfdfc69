/**
 * The per-address sign-in limit counts the address that connected, unless
 * TRUST_PROXY names the proxy in front: a made-up X-Forwarded-For does not buy
 * a fresh allowance. And the limiter forgets keys whose attempts are stale.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/server/auth/rateLimit.js';
import { parseTrustProxy } from '../../src/server/proxy.js';
import type { TrustProxy } from '../../src/server/proxy.js';
import { DATABASES, startTestServer } from './harness.js';
import type { TestServer } from './harness.js';

describe('the per-address sign-in limit', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  /** Fails to sign in as a new email each time, from the given forwarded address; the statuses in order. */
  const guess = async (trustProxy: TrustProxy, forwardedFor: (i: number) => string, times: number) => {
    server = await startTestServer(DATABASES[0]!, { trustProxy });
    const guest = server.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < times; i++) {
      const response = await guest.request('POST', '/api/session', { email: `guess-${i}@example.org`, password: 'not the password' }, { 'x-forwarded-for': forwardedFor(i) });
      statuses.push(response.statusCode);
    }
    return statuses;
  };

  it('ignores X-Forwarded-For when no proxy is trusted: the 51st guess from one connection waits, whatever it claims', async () => {
    const statuses = await guess(false, (i) => `203.0.113.${i % 250}`, 52);
    expect(statuses.slice(0, 50)).toEqual(Array(50).fill(401));
    expect(statuses.slice(50)).toEqual([429, 429]);
  });

  it('believes X-Forwarded-For from a trusted proxy: each client behind it has its own allowance', async () => {
    const statuses = await guess(['127.0.0.1'], (i) => (i < 51 ? '203.0.113.7' : '198.51.100.9'), 52);
    expect(statuses.slice(0, 50)).toEqual(Array(50).fill(401));
    expect(statuses.slice(50)).toEqual([429, 401]);
  });
});

describe('RateLimiter', () => {
  it('limits within the window and drops keys once their attempts are stale', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1_000, () => now);
    limiter.record('a');
    limiter.record('a');
    expect(limiter.retryAfter('a')).toBe(1);
    for (let i = 0; i < 100; i++) limiter.record(`address-${i}`);
    expect(limiter.size).toBe(101);
    now = 1_500;
    expect(limiter.retryAfter('a')).toBe(0);
    limiter.record('b');
    expect(limiter.size).toBe(1);
    now = 2_000;
    expect(limiter.retryAfter('b')).toBe(0);
    expect(limiter.size).toBe(1);
    now = 2_600;
    expect(limiter.retryAfter('b')).toBe(0);
    expect(limiter.size).toBe(0);
  });
});

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false], ['', false], ['false', false], ['true', true], ['2', 2],
    ['10.0.0.1', ['10.0.0.1']], ['10.0.0.0/8, fd00::/8,loopback', ['10.0.0.0/8', 'fd00::/8', 'loopback']],
  ] as const)('reads %j', (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it.each(['yes', '10.0.0.0/33', '10.0.0.1/8/2', 'proxy.internal'])('refuses %j, naming it', (value) => {
    expect(() => parseTrustProxy(value)).toThrow(/^TRUST_PROXY: ".+" is not an address/);
  });
});
