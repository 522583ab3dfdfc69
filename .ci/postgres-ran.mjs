// Fails CI unless the server suites really ran on PostgreSQL: a missing
// TEST_DATABASE_URL or a skipped suite must not pass as green.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const onPostgres = report.testResults.flatMap((file) => file.assertionResults)
  .filter((test) => test.ancestorTitles.some((title) => /on '?postgres'?/.test(title)));
const passed = onPostgres.filter((test) => test.status === 'passed').length;
if (passed === 0 || passed !== onPostgres.length) {
  console.error(`PostgreSQL suites: ${passed} of ${onPostgres.length} tests passed; CI needs them all to run and pass.`);
  process.exit(1);
}
console.log(`PostgreSQL suites: ${passed} tests passed.`);
