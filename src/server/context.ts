/** What every route handler works with: the database, the content store, the clock and the request's session. */
import type { Kysely } from 'kysely';
import type { Auth } from './auth/sessions.js';
import type { RateLimiter } from './auth/rateLimit.js';
import type { ContentStore } from './content.js';
import type { Dialect } from './db/database.js';
import type { Tables } from './db/tables.js';
import type { XapiSender } from './xapi/sender.js';
import type { StatementBuilder } from './xapi/statements.js';

export interface ServerContext {
  readonly db: Kysely<Tables>;
  readonly dialect: Dialect;
  readonly content: ContentStore;
  /** Failed sign-ins per email. */
  readonly signInLimiter: RateLimiter;
  /** Failed sign-ins per address: higher, since a whole class may share one address. */
  readonly addressLimiter: RateLimiter;
  /** Send cookies with Secure (behind HTTPS). */
  readonly secureCookies: boolean;
  readonly now: () => Date;
  /** Present when a Learning Record Store is configured: statements are written to the outbox and sent. */
  readonly xapi: { readonly statements: StatementBuilder; readonly sender: XapiSender } | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
}
