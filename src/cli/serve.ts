/**
 * `securebase serve [--port N] [--client folder]`: the server (API and the
 * built game from dist/) on the database DATABASE_URL names, SQLite at
 * ./data/securebase.db by default. On a database with no admin it prints a
 * one-time setup link. SIGTERM or SIGINT stops it: requests in flight finish
 * (for up to ten seconds), then the database closes.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildApp } from '../server/app.js';
import { lrsFromEnvironment } from '../server/xapi/sender.js';
import { newSetupLink } from '../server/setup.js';
import { DEFAULT_DATABASE_URL, openDatabase } from '../server/db/database.js';
import { adminExists } from '../server/routes/session.js';
import { parseTrustProxy } from '../server/proxy.js';
import { CliError, print, usageError } from './output.js';

export interface ServeOptions {
  readonly port?: string | undefined;
  /** The built client to serve; dist/ by default. */
  readonly folder?: string | undefined;
}

/** How long a stop waits for requests in flight before giving up on them. */
export const STOP_TIMEOUT_MS = 10_000;

export interface ServerOptions {
  /** The built client. */
  readonly client: string;
  readonly port: number;
  readonly host?: string;
  readonly databaseUrl?: string;
  readonly scenarios?: string;
  readonly log?: boolean;
  /** TRUST_PROXY's value; read from the environment when omitted. */
  readonly trustProxy?: string;
}

export interface RunningServer {
  readonly url: string;
  /** The one-time link that creates the first admin, when there is none yet. */
  readonly setupLink: string | null;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  let trustProxy;
  try {
    trustProxy = parseTrustProxy(options.trustProxy ?? process.env.TRUST_PROXY);
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const database = await openDatabase(options.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  try {
    const { app, ctx } = await buildApp({
      database, client: options.client, scenarios: options.scenarios ?? resolve('scenarios'),
      log: options.log ?? false, trustProxy, secureCookies: process.env.SECURE_COOKIES === 'true',
      lrs: lrsFromEnvironment(), publicUrl: process.env.PUBLIC_URL ?? `http://${options.host ?? process.env.HOST ?? '127.0.0.1'}:${options.port}/`,
    });
    const host = options.host ?? process.env.HOST ?? '127.0.0.1';
    try {
      await app.listen({ port: options.port, host });
    } catch (error) {
      await app.close();
      throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? usageError(`port ${options.port} is in use; choose another with --port or PORT`) : error;
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`;
    const setupLink = (await adminExists(ctx)) ? null : `${url}setup#${await newSetupLink(ctx)}`;
    return {
      url, setupLink,
      async close() {
        try {
          await app.close();
        } finally {
          await database.close();
        }
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function runServe(options: ServeOptions): Promise<number> {
  const client = resolve(options.folder ?? 'dist');
  if (!existsSync(join(client, 'index.html'))) {
    throw new CliError('SB_FILE_NOT_FOUND', `${client}/index.html: the game is not built; run "npm run build" (or "npm start", which builds first)`);
  }
  const port = Number(options.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port must be a number from 0 to 65535, not "${options.port}"`);
  const running = await startServer({ client, port, log: process.env.LOG_REQUESTS === 'true' });
  print(`Secure Base is running at ${running.url}  (Ctrl+C to stop)`);
  if (running.setupLink) print(`No admin yet. Create one at ${running.setupLink}\n  (or run: npx securebase users create-admin --email you@example.org)`);
  return new Promise<number>((stopped) => {
    // Finish the requests in flight, then close the database: an acknowledged turn is already on disk.
    // A second signal while stopping is not caught, so it ends the process at once.
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      print('Stopping: finishing requests in flight…');
      const force = setTimeout(() => {
        process.stderr.write(`securebase: requests still in flight after ${STOP_TIMEOUT_MS / 1000} s; stopping without them\n`);
        process.exit(1);
      }, STOP_TIMEOUT_MS);
      force.unref();
      running.close().then(() => {
        clearTimeout(force);
        print('Stopped.');
        stopped(0);
      }, (error: unknown) => {
        clearTimeout(force);
        process.stderr.write(`securebase: stopping failed: ${(error as Error)?.message ?? String(error)}\n`);
        stopped(1);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
