/**
 * `securebase serve` as operators run it: a real process on a free port,
 * stopped by SIGTERM the way a service manager stops it. It says it is
 * stopping, finishes, exits 0 and leaves the database whole.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, securebaseRun } from '../support/cli.js';

describe('securebase serve', () => {
  it('serves the folder --client names, and on SIGTERM finishes, says so and exits 0 with the database intact', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'securebase-serve-'));
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Secure Base</title>');
    const file = join(folder, 'securebase.db');
    const child = spawn(process.execPath, ['bin/securebase.js', 'serve', '--port', '0', '--client', folder], {
      cwd: ROOT, env: { ...process.env, NO_COLOR: '1', DATABASE_URL: `sqlite:${file}` },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(/No admin yet\. Create one at (\S+)\n/);
      const setup = new URL(/Create one at (\S+)/.exec(stdout)![1]!);
      const page = await fetch(new URL('/', setup));
      expect(await page.text()).toContain('<title>Secure Base</title>');
      const created = await fetch(new URL('/api/setup', setup), {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: setup.hash.slice(1), email: 'director@example.org', name: 'Director', password: 'a long enough password' }),
      });
      expect(created.status).toBe(201);

      const stoppedAt = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    } finally {
      child.kill('SIGKILL');
    }
    expect(stdout).toMatch(/Stopping: finishing requests in flight…\nStopped\.\n$/);
    expect(stderr).toBe('');
    const reopened = new SQLite(file, { readonly: true });
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(reopened.prepare('select email, role from users').all()).toEqual([{ email: 'director@example.org', role: 'admin' }]);
    reopened.close();
  });

  it('refuses a --client folder with no built game in it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'securebase-empty-'));
    const run = await securebaseRun(['serve', '--port', '0', '--client', empty], { env: { DATABASE_URL: `sqlite:${join(empty, 'db.db')}` } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`SB_FILE_NOT_FOUND: ${empty}/index.html`);
  });
});
