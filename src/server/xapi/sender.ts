/**
 * Sends the outbox to the Learning Record Store a programme configures, oldest
 * first, in batches. A failed batch waits longer each time (1 s, 2 s, 4 s … up
 * to 5 minutes) and nothing is dropped: the outbox is in the database, so a
 * restart carries on where the last one stopped.
 */
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';

export interface LrsConfig {
  /** The LRS's base, e.g. https://lrs.example.org/xapi/ (statements go to <endpoint>/statements). */
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
}

export interface XapiStatus {
  readonly configured: boolean;
  readonly backlog: number;
  readonly sent: number;
  readonly lastError: string | null;
}

const BATCH = 50;
const MAX_BACKOFF_MS = 5 * 60_000;

export class XapiSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly lrs: LrsConfig,
    private readonly now: () => Date,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops sending; waits for a batch in flight, so what the LRS accepted is marked sent. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async status(): Promise<XapiStatus> {
    const count = (sent: boolean) => {
      const query = this.db.selectFrom('xapi_outbox').select((eb) => eb.fn.countAll<string | number>().as('n'));
      return (sent ? query.where('sent_at', 'is not', null) : query.where('sent_at', 'is', null)).executeTakeFirstOrThrow();
    };
    const [pending, sent, failing] = await Promise.all([
      count(false), count(true),
      this.db.selectFrom('xapi_outbox').select('last_error').where('sent_at', 'is', null).where('last_error', 'is not', null).orderBy('created_at').limit(1).executeTakeFirst(),
    ]);
    return { configured: true, backlog: Number(pending.n), sent: Number(sent.n), lastError: failing?.last_error ?? null };
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sendBatch().then(() => undefined, () => undefined).finally(() => {
        this.running = null;
        this.schedule(this.intervalMs);
      });
    }, delayMs);
  }

  /** Sends one batch of what is due; true when something was sent. */
  async sendBatch(): Promise<boolean> {
    const now = this.now().toISOString();
    // Oldest first, and the oldest decides: statements reach the LRS in the order they were made.
    const rows = await this.db.selectFrom('xapi_outbox').select(['id', 'statement', 'tries', 'next_try_at'])
      .where('sent_at', 'is', null).orderBy('created_at').orderBy('ordinal').limit(BATCH).execute();
    if (!rows.length || rows[0]!.next_try_at > now) return false;
    const ids = rows.map((row) => row.id);
    try {
      const response = await fetch(new URL('statements', this.lrs.endpoint.endsWith('/') ? this.lrs.endpoint : `${this.lrs.endpoint}/`), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-experience-api-version': '1.0.3',
          authorization: `Basic ${Buffer.from(`${this.lrs.username}:${this.lrs.password}`).toString('base64')}`,
        },
        body: `[${rows.map((row) => row.statement).join(',')}]`,
        signal: AbortSignal.timeout(15_000),
      });
      if (!response.ok) throw new Error(`the LRS answered ${response.status}`);
      await this.db.updateTable('xapi_outbox').set({ sent_at: this.now().toISOString(), last_error: null }).where('id', 'in', ids).execute();
      return true;
    } catch (error) {
      const tries = Math.max(...rows.map((row) => row.tries)) + 1;
      const wait = Math.min(1000 * 2 ** (tries - 1), MAX_BACKOFF_MS);
      await this.db.updateTable('xapi_outbox')
        .set({ tries, next_try_at: new Date(this.now().getTime() + wait).toISOString(), last_error: error instanceof Error ? error.message : String(error) })
        .where('id', 'in', ids).execute();
      return false;
    }
  }
}

/** The LRS settings from XAPI_ENDPOINT, XAPI_USERNAME and XAPI_PASSWORD; null when none is configured. */
export function lrsFromEnvironment(env: NodeJS.ProcessEnv = process.env): LrsConfig | null {
  if (!env.XAPI_ENDPOINT) return null;
  return { endpoint: env.XAPI_ENDPOINT, username: env.XAPI_USERNAME ?? '', password: env.XAPI_PASSWORD ?? '' };
}
