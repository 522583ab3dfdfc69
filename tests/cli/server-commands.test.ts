/** The operator's commands: creating the first admin, and backing up the SQLite database. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { securebaseRun } from '../support/cli.js';

describe('securebase users and backup', () => {
  const folder = mkdtempSync(join(tmpdir(), 'securebase-ops-'));
  const env = { DATABASE_URL: `sqlite:${join(folder, 'securebase.db')}` };

  it('creates an admin with the password from standard input, once per email, and refuses a short password', async () => {
    const created = await securebaseRun(['users', 'create-admin', '--email', 'Director@Example.org', '--name', 'Director'], { input: 'a long enough password\n', env });
    expect(created).toMatchObject({ status: 0, stdout: expect.stringContaining('Created admin director@example.org') });
    expect(created.stdout).not.toContain('a long enough password');
    const again = await securebaseRun(['users', 'create-admin', '--email', 'director@example.org'], { input: 'a long enough password\n', env });
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('securebase: SB_CLI_DATABASE: an account with director@example.org already exists\n');
    const short = await securebaseRun(['users', 'create-admin', '--email', 'other@example.org'], { input: 'short\n', env });
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/^securebase: SB_CLI_USAGE: password: must be at least 10 characters\n$/);
  });

  it('backs up the database to a file that opens with the same accounts, and never overwrites one', async () => {
    const target = join(folder, 'backup.db');
    const run = await securebaseRun(['backup', target], { env });
    expect(run.status).toBe(0);
    const copy = new SQLite(target, { readonly: true });
    expect(copy.prepare('select email, role from users').all()).toEqual([{ email: 'director@example.org', role: 'admin' }]);
    copy.close();
    const twice = await securebaseRun(['backup', target], { env });
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain('already exists');
  });

  it('points PostgreSQL users to pg_dump', async () => {
    const run = await securebaseRun(['backup', join(folder, 'pg.db')], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('pg_dump');
    expect(existsSync(join(folder, 'pg.db'))).toBe(false);
  });
});
