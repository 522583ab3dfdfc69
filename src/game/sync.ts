/**
 * Sends a signed-in trainee's attempts to the server. Every turn is on this
 * device first (IndexedDB); the server is brought level afterwards, turn by
 * turn, in order. Offline, nothing is lost: the next save, the return of the
 * connection or the next page load sends what is waiting. The server replays
 * each turn itself, so only choices travel, never scores.
 */
import type { ApiClient, SessionUser } from '../api/client.js';
import { ApiRequestError } from '../api/client.js';
import type { FinishRequest, StartAttemptRequest, StepBackRequest, TurnBodyRequest } from '../api/schemas.js';
import type { AttemptRecord, AttemptStore, SyncState } from './store.js';

interface ServerAttempt {
  readonly id: string;
  readonly scenarioId: string;
  readonly scenarioHash: string;
  readonly rubricHash: string;
  readonly scoringVersion: number;
  readonly mode: 'practice' | 'assessment';
  readonly assignmentId: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly turnCount: number;
}

interface ServerTurn { readonly index: number; readonly beatId: string; readonly responseId: string; readonly at: string }

/**
 * The beat each choice was made at, derived by replaying the attempt: needed only
 * for records saved before each choice kept its `beatId`.
 */
export type BeatsOf = (record: AttemptRecord) => Promise<string[]>;

export class Sync {
  private readonly queues = new Map<string, Promise<void>>();
  private waiting = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly store: AttemptStore,
    private readonly user: SessionUser,
    private readonly deriveBeats: BeatsOf,
    private readonly report: (status: string) => void,
  ) {
    store.onSaved = (record) => this.push(record.id);
    window.addEventListener('online', () => void this.flush());
  }

  /** Brings the server level with this device's copy of one attempt; calls for one attempt run in order. */
  push(attemptId: string): Promise<void> {
    const previous = this.queues.get(attemptId) ?? Promise.resolve();
    const next = previous.then(() => this.level(attemptId));
    this.queues.set(attemptId, next);
    return next;
  }

  /** Sends everything this account has waiting on this device. */
  async flush(): Promise<void> {
    const mine = (await this.store.all()).filter((record) => record.owner === this.user.id);
    await Promise.all(mine.map((record) => this.push(record.id)));
  }

  /**
   * Copies the server's attempts that are further along than this device's
   * (or that this device has never seen), so a reload resumes from whichever
   * copy is further along.
   */
  async pull(): Promise<void> {
    const { attempts } = await this.api.request<{ attempts: ServerAttempt[] }>('GET', '/api/attempts');
    for (const remote of attempts) {
      const local = await this.store.get(remote.id);
      if (local && (local.choices.length >= remote.turnCount || local.owner !== this.user.id)) continue;
      const { turns } = await this.api.request<{ turns: ServerTurn[] }>('GET', `/api/attempts/${remote.id}`);
      const choices = turns.map((turn) => ({ responseId: turn.responseId, beatId: turn.beatId, at: turn.at }));
      if (local && local.choices.some((choice, i) => choice.responseId !== choices[i]?.responseId)) continue;
      await this.store.putSyncState({ attemptId: remote.id, serverTurns: turns.length, serverFinished: remote.finishedAt !== null, refused: null });
      await this.store.put({
        id: remote.id, scenarioId: remote.scenarioId, scenarioHash: remote.scenarioHash, rubricHash: remote.rubricHash,
        scoringVersion: remote.scoringVersion, mode: remote.mode, choices, startedAt: remote.startedAt, finishedAt: remote.finishedAt,
        owner: this.user.id, assignmentId: remote.assignmentId,
      });
    }
  }

  private async level(attemptId: string): Promise<void> {
    const record = await this.store.get(attemptId);
    if (!record || record.owner !== this.user.id) return;
    let state: SyncState = (await this.store.syncState(attemptId)) ?? { attemptId, serverTurns: null, serverFinished: false, refused: null };
    if (state.refused || (state.serverFinished && state.serverTurns === record.choices.length)) return;
    this.waiting++;
    this.report(`Saved on this device; sending to the server…`);
    try {
      if (state.serverTurns === null) state = await this.save({ ...state, serverTurns: await this.start(record) });
      if (state.serverTurns! > record.choices.length) state = await this.save({ ...state, serverTurns: await this.stepBackTo(record, state.serverTurns!) });
      const beats = await this.beatsOf(record, state.serverTurns!);
      for (let index = state.serverTurns!; index < record.choices.length; index++) {
        const choice = record.choices[index]!;
        try {
          const turn: TurnBodyRequest = { attemptId: record.id, index, beatId: beats[index]!, responseId: choice.responseId, at: choice.at };
          await this.api.request('POST', `/api/attempts/${record.id}/turns`, turn);
        } catch (error) {
          // The server holds another choice here: a step back it never heard of. Bring it back to what both agree on.
          if (error instanceof ApiRequestError && error.code === 'SB_API_TURN_CONFLICT') {
            state = await this.save({ ...state, serverTurns: await this.reconcile(record) });
            index = state.serverTurns! - 1;
            continue;
          }
          throw error;
        }
        state = await this.save({ ...state, serverTurns: index + 1 });
      }
      if (record.finishedAt && !state.serverFinished) {
        const finish: FinishRequest = { at: record.finishedAt };
        await this.api.request('POST', `/api/attempts/${record.id}/finish`, finish);
        state = await this.save({ ...state, serverFinished: true });
      }
      this.report(this.waiting > 1 ? 'Sending to the server…' : 'All your work is saved on the server.');
    } catch (error) {
      if (error instanceof ApiRequestError && !error.unreachable && error.code !== 'SB_API_UNAUTHENTICATED') {
        await this.save({ ...state, refused: error.message });
        this.report(`The server refused an attempt: ${error.message} It stays on this device.`);
      } else {
        this.report('Offline: your work is saved on this device and will be sent when the connection returns.');
      }
    } finally {
      this.waiting--;
    }
  }

  /** Each choice's beat: stored with the choice, or for an older record (from `from` on) derived by replaying it. */
  private async beatsOf(record: AttemptRecord, from: number): Promise<string[]> {
    const stored = record.choices.map((choice) => choice.beatId);
    if (stored.slice(from).every((beat) => beat !== undefined)) return stored as string[];
    return this.deriveBeats(record);
  }

  private async save(state: SyncState): Promise<SyncState> {
    await this.store.putSyncState(state);
    return state;
  }

  /** Starts the attempt on the server (safe to repeat); returns how many turns the server already has. */
  private async start(record: AttemptRecord): Promise<number> {
    const start: StartAttemptRequest = {
      id: record.id, scenarioId: record.scenarioId, scenarioHash: record.scenarioHash, rubricHash: record.rubricHash,
      mode: record.mode, assignmentId: record.assignmentId ?? null, startedAt: record.startedAt,
    };
    const { attempt } = await this.api.request<{ attempt: ServerAttempt }>('POST', '/api/attempts', start);
    return attempt.turnCount ? this.reconcile(record) : 0;
  }

  /** Steps the server back to the longest run of turns it shares with this device. */
  private async reconcile(record: AttemptRecord): Promise<number> {
    const { turns } = await this.api.request<{ turns: ServerTurn[] }>('GET', `/api/attempts/${record.id}`);
    let shared = 0;
    while (shared < turns.length && turns[shared]!.responseId === record.choices[shared]?.responseId) shared++;
    return this.stepBackTo({ ...record, choices: record.choices.slice(0, shared) }, turns.length);
  }

  private async stepBackTo(record: AttemptRecord, serverTurns: number): Promise<number> {
    for (let index = serverTurns - 1; index >= record.choices.length; index--) {
      const stepBack: StepBackRequest = { index };
      await this.api.request('POST', `/api/attempts/${record.id}/step-back`, stepBack);
    }
    return record.choices.length;
  }
}
