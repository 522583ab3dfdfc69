/**
 * `securebase serve [--port N]`: serves the built game from dist/ and prints
 * its address. Static files only, with the security headers the game runs under.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CliError, print, usageError } from './output.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.webm': 'audio/webm', '.mp3': 'audio/mpeg',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

/** The game needs data: and blob: images (posed portraits) and blob: media; nothing from other origins. */
const HEADERS = {
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data: blob:; media-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' data: blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export interface ServeOptions {
  readonly port?: string | undefined;
  readonly folder?: string;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1; port 0 picks a free one. */
export function startServer(root: string, port: number): Promise<RunningServer> {
  const server = createServer((request, response) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400, HEADERS).end('Bad path');
      return;
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      response.writeHead(400, HEADERS).end('Bad path');
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    response.writeHead(200, { ...HEADERS, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': cache });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise, reject) => {
    server.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? usageError(`port ${port} is in use; choose another with --port or PORT`) : error));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolvePromise({ url: `http://127.0.0.1:${actual}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

export async function runServe(options: ServeOptions): Promise<number> {
  const root = resolve(options.folder ?? 'dist');
  if (!existsSync(join(root, 'index.html'))) {
    throw new CliError('SB_FILE_NOT_FOUND', `${root}/index.html: the game is not built; run "npm run build" (or "npm start", which builds first)`);
  }
  const port = Number(options.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port must be a number from 0 to 65535, not "${options.port}"`);
  const running = await startServer(root, port);
  print(`Secure Base is running at ${running.url}  (Ctrl+C to stop)`);
  await new Promise<void>((stopped) => {
    const stop = () => void running.close().then(stopped);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
