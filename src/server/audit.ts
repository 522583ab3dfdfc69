/** The audit log: who did what to whom, for the actions a program must be able to account for. */
import { randomUUID } from 'node:crypto';
import type { ServerContext } from './context.js';

export async function audit(ctx: Pick<ServerContext, 'db' | 'now'>, actorId: string | null, action: string, subject: string, detail: Record<string, unknown>): Promise<void> {
  await ctx.db.insertInto('audit_log').values({ id: randomUUID(), at: ctx.now().toISOString(), actor_id: actorId, action, subject, detail: JSON.stringify(detail) }).execute();
}
