// Fails CI unless the server suites really ran on PostgreSQL: a missing
// TEST_DATABASE_URL, a skipped suite or a file whose PostgreSQL suite is gone
// must not pass as green. Every test file with suites "on sqlite" must have as
// many tests "on postgres", all of them passed, and at least one file must.
//
//   node .ci/postgres-ran.mjs test-results/vitest.json
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ON_POSTGRES = /on '?postgres'?/;
const ON_SQLITE = /on '?sqlite'?/;

/**
 * Per test file with a database suite: the tests on each database and how many passed.
 * @param {{ testResults: { name: string; assertionResults: { ancestorTitles: string[]; status: string }[] }[] }} report
 */
export function databaseSuites(report) {
  const files = [];
  for (const file of report.testResults) {
    const count = (pattern) => {
      const tests = file.assertionResults.filter((test) => test.ancestorTitles.some((title) => pattern.test(title)));
      return { tests: tests.length, passed: tests.filter((test) => test.status === 'passed').length };
    };
    const sqlite = count(ON_SQLITE);
    const postgres = count(ON_POSTGRES);
    if (sqlite.tests || postgres.tests) files.push({ name: relative(process.cwd(), file.name), sqlite, postgres });
  }
  return files;
}

/** The verdict and what to print: a line per file that falls short, or a summary. */
export function verdict(report) {
  const files = databaseSuites(report);
  const short = files.filter(({ sqlite, postgres }) => postgres.tests !== sqlite.tests || postgres.passed !== postgres.tests || sqlite.passed !== sqlite.tests);
  const lines = short.map(({ name, sqlite, postgres }) =>
    `${name}: ${postgres.passed} of ${postgres.tests} tests passed on PostgreSQL, ${sqlite.passed} of ${sqlite.tests} on SQLite`);
  const ranOnPostgres = files.filter((file) => file.postgres.tests > 0).length;
  if (ranOnPostgres === 0) lines.push('No test file ran a suite on PostgreSQL; is TEST_DATABASE_URL set?');
  if (lines.length) return { ok: false, lines: [...lines, 'CI needs every server suite to run and pass on PostgreSQL as on SQLite.'] };
  const total = files.reduce((sum, file) => sum + file.postgres.tests, 0);
  return { ok: true, lines: [`PostgreSQL suites: ${total} tests in ${files.length} files passed, as many as on SQLite.`] };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = verdict(JSON.parse(readFileSync(process.argv[2], 'utf8')));
  for (const line of result.lines) (result.ok ? console.log : console.error)(line);
  process.exitCode = result.ok ? 0 : 1;
}
