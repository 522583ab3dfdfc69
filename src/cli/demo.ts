/**
 * `securebase demo [--force] [--seed N]`: fills the database DATABASE_URL names
 * with a demo programme, so every page has something true to show on first
 * run. Only an empty database is filled; --force replaces an earlier demo in a
 * SQLite file, and never a database with accounts of its own.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_DATABASE_URL, isPostgresUrl, openDatabase } from '../server/db/database.js';
import type { Database } from '../server/db/database.js';
import { DEFAULT_SEED, DEMO_PASSWORD, fillDemo } from '../server/demo/fill.js';
import type { DemoSummary } from '../server/demo/fill.js';
import { DEMO_DOMAIN } from '../server/demo/roster.js';
import { CliError, print, table, usageError } from './output.js';

export interface DemoOptions {
  readonly force: boolean;
  readonly seed?: string | undefined;
}

export async function runDemo(options: DemoOptions): Promise<number> {
  const seed = Number(options.seed ?? DEFAULT_SEED);
  if (!Number.isSafeInteger(seed) || seed < 0) throw usageError(`--seed must be a whole number, not "${options.seed}"`);
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const shown = withoutPassword(url);
  const started = performance.now();
  let database = await openDatabase(url, { bulkLoad: true });
  try {
    if (await replaceEarlierDemo(database, shown, options.force)) {
      rmSync(database.sqliteFile!, { force: true });
      rmSync(`${database.sqliteFile!}-wal`, { force: true });
      rmSync(`${database.sqliteFile!}-shm`, { force: true });
      database = await openDatabase(url, { bulkLoad: true });
    }
    const summary = await fillDemo(database, { seed, scenarios: resolve('scenarios') });
    printSummary(shown, seed, summary, (performance.now() - started) / 1000);
    return 0;
  } finally {
    await database.close();
  }
}

/** The URL as it may be printed: a PostgreSQL password stays out of terminals and logs. */
function withoutPassword(url: string): string {
  if (!isPostgresUrl(url)) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * Whether the database holds an earlier demo to replace (closing it if so).
 * Refuses any other non-empty database: a mistyped DATABASE_URL must never
 * mix demo trainees into a programme's records, or wipe them.
 */
async function replaceEarlierDemo(database: Database, shownUrl: string, force: boolean): Promise<boolean> {
  const users = await database.db.selectFrom('users').select('email').execute();
  if (users.length === 0) return false;
  const where = `${shownUrl} already has ${users.length} account${users.length === 1 ? '' : 's'}`;
  const newFile = 'point DATABASE_URL at a new database, e.g. DATABASE_URL=sqlite:./data/demo.db npx securebase demo';
  const orForce = database.sqliteFile ? ' (or pass --force to replace an earlier demo)' : '';
  if (!force) throw new CliError('SB_CLI_DATABASE', `${where}; the demo fills only an empty database. To try it, ${newFile}${orForce}`);
  const own = users.find((u) => !u.email.endsWith(`@${DEMO_DOMAIN}`));
  if (own) throw new CliError('SB_CLI_DATABASE', `${where}, not all from a demo (${own.email}); --force replaces only an earlier demo. To try it, ${newFile}`);
  if (!database.sqliteFile) throw new CliError('SB_CLI_DATABASE', `${where}; --force replaces a demo only in a SQLite file. On PostgreSQL, create a new database for the demo`);
  await database.close();
  return true;
}

function printSummary(url: string, seed: number, summary: DemoSummary, seconds: number): void {
  const { counts } = summary;
  const day = (date: Date) => date.toISOString().slice(0, 10);
  print(`Filled ${url} with a demo programme (seed ${seed}) in ${seconds.toFixed(1)} s:`);
  print(`  ${counts.admins} admin, ${counts.supervisors} supervisors, ${counts.trainees} trainees in ${counts.cohorts} cohorts, ${counts.assignments} assignments`);
  print(`  ${counts.attempts} attempts (${counts.finished} finished, ${counts.flagged} with a critical flag) and ${counts.turns} turns, ${day(summary.from)} to ${day(summary.to)}`);
  print(`  ${counts.comments} supervisor comments and ${counts.signOffs} sign-offs`);
  print(`\nSign in with any of these accounts; every demo account's password is ${DEMO_PASSWORD}`);
  print(table(['role', 'email', 'name', ''], summary.accounts.map((a) => [a.role, a.email, a.name, a.note])).replace(/^/gm, '  '));
  print('\nStart the server with: npm start');
  print('and sign in at http://127.0.0.1:8080/sign-in (supervisors and the director land on /supervise).');
}
