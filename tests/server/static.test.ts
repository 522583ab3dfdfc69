/**
 * The built client as the server serves it, against a tiny stand-in for dist/:
 * real files are served, the game's own routes get index.html, and anything
 * else that is missing (an endpoint, a file, an asset) is a JSON 404.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, startTestServer } from './harness.js';
import type { TestServer } from './harness.js';

const GAME = '<!doctype html><title>Secure Base game</title>';
const SUPERVISE = '<!doctype html><title>Secure Base supervise</title>';

function fakeClient(): string {
  const root = mkdtempSync(join(tmpdir(), 'securebase-client-'));
  writeFileSync(join(root, 'index.html'), GAME);
  writeFileSync(join(root, 'supervise.html'), SUPERVISE);
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'x.js'), 'export const x = 1;\n');
  return root;
}

describe('the built client', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(DATABASES[0]!, { client: fakeClient() });
  });
  afterAll(async () => {
    await server?.close();
  });
  const get = (url: string) => server.app.inject({ method: 'GET', url });

  it('serves its files: the game, the supervisors\' page by name, and hashed assets cached for good', async () => {
    const root = await get('/');
    expect({ status: root.statusCode, type: root.headers['content-type'], body: root.body }).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: GAME });
    expect(root.headers['cache-control']).toBe('no-cache');
    expect((await get('/supervise')).body).toBe(SUPERVISE);
    expect((await get('/supervise.html')).body).toBe(SUPERVISE);
    const asset = await get('/assets/x.js');
    expect({ status: asset.statusCode, type: asset.headers['content-type'], cache: asset.headers['cache-control'] })
      .toEqual({ status: 200, type: 'text/javascript; charset=utf-8', cache: 'public, max-age=31536000, immutable' });
  });

  it.each(['/join/abcdefgh12', '/sign-in', '/setup', '/join/abcdefgh12?from=mail'])('answers the game\'s own route %s with index.html', async (url) => {
    const response = await get(url);
    expect({ status: response.statusCode, body: response.body }).toEqual({ status: 200, body: GAME });
  });

  it.each(['/api/nope', '/api/users/extra/parts', '/api/nope?x=1', '/api'])('answers an unknown endpoint %s with the JSON 404', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ code: 'SB_API_NOT_FOUND', message: expect.stringContaining('GET /api') });
  });

  it.each(['/assets/missing.js', '/favicon.ico', '/assets/', '/assets/deeper/route', '/nothing.html'])('answers a missing file %s with a 404, not the game', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'SB_API_NOT_FOUND', message: expect.any(String) });
  });

  it('refuses a path that cannot be decoded or leads outside the site, in JSON', async () => {
    for (const url of ['/%E0%A4%A', '/..%2f..%2fetc%2fpasswd']) {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ code: 'SB_API_BAD_REQUEST', message: expect.any(String) });
    }
  });
});
