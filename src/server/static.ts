/**
 * The built client (dist/): hashed assets cached for a year, everything else
 * revalidated, and any other path answered with index.html so the app's own
 * routes (/join/…, /sign-in) load.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.webm': 'audio/webm', '.mp3': 'audio/mpeg',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

export function staticRoutes(app: FastifyInstance, root: string): void {
  app.get('/*', async (request, reply) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    } catch {
      return reply.code(400).type('text/plain').send('Bad path');
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) return reply.code(400).type('text/plain').send('Bad path');
    // "/supervise" is supervise.html; any other unknown path is the game's, which routes itself.
    if (!existsSync(file) || statSync(file).isDirectory()) file = existsSync(`${file}.html`) ? `${file}.html` : join(root, 'index.html');
    const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').header('cache-control', cache).send(createReadStream(file));
  });
}
