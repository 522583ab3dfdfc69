/** The xAPI backlog, for the admin's status line: how many statements wait for the LRS, and why. */
import type { FastifyInstance } from 'fastify';
import { withRole } from '../access.js';
import type { ServerContext } from '../context.js';

export function xapiRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/xapi/status', async (request) => {
    withRole(request, 'admin');
    return ctx.xapi ? ctx.xapi.sender.status() : { configured: false, backlog: 0, sent: 0, lastError: null };
  });
}
