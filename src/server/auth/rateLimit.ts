/**
 * Sign-in attempts per email and per address, in a sliding window. Kept in
 * memory: behind several app servers each counts its own share, which still
 * bounds guessing (docs/operations.md says so). Keys with no attempt left in
 * the window are dropped, so a stream of new emails or addresses cannot grow
 * it without bound: it holds at most the attempts of the last two windows.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep: number;

  constructor(private readonly limit: number, private readonly windowMs: number, private readonly now: () => number = Date.now) {
    this.lastSweep = now();
  }

  /** Seconds to wait before `key` may try again; 0 when it may try now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000);
  }

  record(key: string): void {
    this.sweep();
    const recent = this.recent(key);
    recent.push(this.now());
    this.hits.set(key, recent);
  }

  clear(key: string): void {
    this.hits.delete(key);
  }

  /** How many keys are held (for tests and monitoring). */
  get size(): number {
    return this.hits.size;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.hits.delete(key);
    return recent;
  }

  /** At most once a window, drops every key whose attempts have all left it. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    const since = now - this.windowMs;
    for (const [key, times] of this.hits) if (times[times.length - 1]! <= since) this.hits.delete(key);
  }
}
