/**
 * The real server as its own process, for tests that kill it: serves the API
 * on DATABASE_URL at a free port and prints "listening <url>" when ready.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/cli/serve.js';

const client = mkdtempSync(join(tmpdir(), 'securebase-client-'));
writeFileSync(join(client, 'index.html'), '<!doctype html><title>Secure Base</title>');
const running = await startServer({ client, port: 0, scenarios: join(import.meta.dirname, '..', '..', 'scenarios') });
process.stdout.write(`listening ${running.url}\n`);
process.once('SIGTERM', () => void running.close().then(() => process.exit(0)));
