/** CI's check that the server suites ran on PostgreSQL as fully as on SQLite, on small made-up reports. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

type Status = 'passed' | 'failed' | 'skipped' | 'pending';
const tests = (suite: string, ...statuses: Status[]) => statuses.map((status, i) => ({ ancestorTitles: [suite, `group ${i}`], title: `test ${i}`, status }));
const file = (name: string, ...results: ReturnType<typeof tests>[]) => ({ name: join(ROOT, name), assertionResults: results.flat() });

function check(testResults: ReturnType<typeof file>[]) {
  const report = join(mkdtempSync(join(tmpdir(), 'securebase-ci-')), 'vitest.json');
  writeFileSync(report, JSON.stringify({ testResults }));
  const run = spawnSync(process.execPath, ['.ci/postgres-ran.mjs', report], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
}

const engine = file('tests/engine/model.test.ts', tests('the model', 'passed', 'passed'));

describe('.ci/postgres-ran.mjs', () => {
  it('passes when every file runs as many tests on PostgreSQL as on SQLite, all passed', () => {
    const run = check([
      engine,
      file('tests/server/api.test.ts', tests('the API on sqlite', 'passed', 'passed'), tests('the API on postgres', 'passed', 'passed')),
      file('tests/server/access.test.ts', tests("access on 'sqlite'", 'passed'), tests("access on 'postgres'", 'passed')),
    ]);
    expect(run).toEqual({ status: 0, out: 'PostgreSQL suites: 3 tests in 2 files passed, as many as on SQLite.\n' });
  });

  it('fails, naming the file, when one file has no PostgreSQL suite though others do', () => {
    const run = check([
      file('tests/server/api.test.ts', tests('the API on sqlite', 'passed'), tests('the API on postgres', 'passed')),
      file('tests/server/xapi.test.ts', tests('xAPI on sqlite', 'passed', 'passed')),
    ]);
    expect(run.status).toBe(1);
    expect(run.out).toContain('tests/server/xapi.test.ts: 0 of 0 tests passed on PostgreSQL, 2 of 2 on SQLite\n');
    expect(run.out).not.toContain('tests/server/api.test.ts');
  });

  it('fails when PostgreSQL tests were skipped or failed, or fewer ran than on SQLite', () => {
    const run = check([
      file('tests/server/api.test.ts', tests('the API on sqlite', 'passed', 'passed'), tests('the API on postgres', 'passed', 'skipped')),
      file('tests/server/access.test.ts', tests('access on sqlite', 'passed', 'passed'), tests('access on postgres', 'failed', 'passed')),
      file('tests/server/versions.test.ts', tests('versions on sqlite', 'passed', 'passed'), tests('versions on postgres', 'passed')),
    ]);
    expect(run.status).toBe(1);
    expect(run.out).toContain('tests/server/api.test.ts: 1 of 2 tests passed on PostgreSQL, 2 of 2 on SQLite\n');
    expect(run.out).toContain('tests/server/access.test.ts: 1 of 2 tests passed on PostgreSQL, 2 of 2 on SQLite\n');
    expect(run.out).toContain('tests/server/versions.test.ts: 1 of 1 tests passed on PostgreSQL, 2 of 2 on SQLite\n');
  });

  it('fails when nothing ran on PostgreSQL at all (no TEST_DATABASE_URL)', () => {
    const run = check([engine, file('tests/server/api.test.ts', tests('the API on sqlite', 'passed'))]);
    expect(run.status).toBe(1);
    expect(run.out).toContain('No test file ran a suite on PostgreSQL');
    expect(check([engine]).status).toBe(1);
  });
});
