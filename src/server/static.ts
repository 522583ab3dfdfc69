/**
 * The built client (dist/): hashed assets cached for a year, everything else
 * revalidated. An unknown path without a file extension is answered with
 * index.html so the game's own routes (/join/…, /sign-in, /setup) load; an
 * unknown /api/ path, file (with an extension) or asset is a JSON 404.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../api/errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.webm': 'audio/webm', '.mp3': 'audio/mpeg',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

export function staticRoutes(app: FastifyInstance, root: string): void {
  app.get('/*', { config: { query: true } }, async (request, reply) => {
    const raw = request.url.split('?')[0]!;
    if (raw === '/api' || raw.startsWith('/api/')) throw new ApiError('SB_API_NOT_FOUND', `no such endpoint: ${request.method} ${raw}`);
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    } catch {
      throw new ApiError('SB_API_BAD_REQUEST', 'the path is not valid percent-encoding');
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) throw new ApiError('SB_API_BAD_REQUEST', 'the path leads outside the site');
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // "/supervise" is supervise.html.
      if (existsSync(`${file}.html`)) file = `${file}.html`;
      // A missing file or asset is missing; any other path is the game's, which routes itself.
      else if (extname(path) || path.startsWith('/assets/')) throw new ApiError('SB_API_NOT_FOUND', `no such file: ${path}`);
      else file = join(root, 'index.html');
    }
    const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').header('cache-control', cache).send(createReadStream(file));
  });
}
