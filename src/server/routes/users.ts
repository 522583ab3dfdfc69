/** Admins create supervisor, trainee and admin accounts, and list them. */
import type { FastifyInstance } from 'fastify';
import { CreateUserBody } from '../../api/schemas.js';
import { withRole } from '../access.js';
import { audit } from '../audit.js';
import { hashPassword } from '../auth/passwords.js';
import type { ServerContext } from '../context.js';
import { createUser } from '../users.js';
import { parse } from '../validate.js';

export function userRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/users', async (request, reply) => {
    const auth = withRole(request, 'admin');
    const body = parse(CreateUserBody, request.body, 'body');
    const user = await createUser(ctx.db, { email: body.email, name: body.name, role: body.role, passwordHash: await hashPassword(body.password) }, ctx.now());
    await audit(ctx, auth.user.id, 'user.created', `user:${user.id}`, { role: user.role });
    return reply.code(201).send({ user });
  });

  app.get('/api/users', async (request) => {
    withRole(request, 'admin');
    const users = await ctx.db.selectFrom('users').select(['id', 'email', 'name', 'role', 'created_at as createdAt']).orderBy('created_at').execute();
    return { users };
  });
}
