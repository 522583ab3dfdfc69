/**
 * One session in play, through the engine's `startPlay`: the trainee's choices
 * drive it, and every choice is saved (with the beat it was made at) before the
 * next beat shows. The attempt id seeds the order the replies are shown in, so
 * resuming replays the saved choices to the same beat, scores and order.
 */
import { ENGINE_SCORING_VERSION, startPlay } from '../engine/play.js';
import type { AttemptResult, Beat, Play, Response, Rubric, Scenario, SessionContext, Turn } from '../engine/play.js';
import type { LibraryEntry } from './library.js';
import type { AttemptRecord, AttemptStore } from './store.js';

export type Mode = 'practice' | 'assessment';

export class Session {
  private play: Play;

  private constructor(
    readonly entry: LibraryEntry,
    private readonly rubric: Rubric,
    private readonly store: AttemptStore,
    private record: AttemptRecord,
  ) {
    this.play = this.started(record.choices.map((c) => c.responseId));
  }

  static async start(entry: LibraryEntry, rubric: Rubric, rubricHash: string, mode: Mode, store: AttemptStore,
    belongsTo: { owner: string | null; assignmentId: string | null } = { owner: null, assignmentId: null }): Promise<Session> {
    const record: AttemptRecord = {
      id: crypto.randomUUID(),
      scenarioId: entry.scenario.id,
      scenarioHash: entry.hash,
      rubricHash,
      scoringVersion: ENGINE_SCORING_VERSION,
      mode,
      choices: [],
      startedAt: new Date().toISOString(),
      finishedAt: null,
      ...belongsTo,
    };
    await store.put(record);
    return new Session(entry, rubric, store, record);
  }

  static resume(entry: LibraryEntry, rubric: Rubric, store: AttemptStore, record: AttemptRecord): Session {
    return new Session(entry, rubric, store, record);
  }

  get id(): string {
    return this.record.id;
  }

  get mode(): Mode {
    return this.record.mode;
  }

  get scenario(): Scenario {
    return this.entry.scenario;
  }

  get context(): SessionContext {
    return this.play.context;
  }

  /** The beat on screen, or undefined once the session has ended. */
  get beat(): Beat | undefined {
    return this.play.beat;
  }

  /** The beat on screen's replies, in the order this attempt shows them. */
  get offered(): readonly Response[] {
    return this.play.offered;
  }

  get lastTurn(): Turn | undefined {
    return this.play.lastTurn;
  }

  get result(): AttemptResult {
    return this.play.result;
  }

  /**
   * Plays a reply and saves it; resolves when the choice is durable, before the caller shows the next beat.
   * @throws SecureBaseError `SB_REPLAY_NOT_OFFERED` for a reply not on offer (nothing is saved then).
   */
  async choose(responseId: string): Promise<Turn> {
    const turn = this.play.choose(responseId);
    this.record = {
      ...this.record,
      choices: [...this.record.choices, { responseId, beatId: turn.beat, at: new Date().toISOString() }],
      finishedAt: this.play.ended ? new Date().toISOString() : null,
    };
    await this.store.put(this.record);
    return turn;
  }

  /** Practice mode allows one step back: the last choice is undone and forgotten. */
  async stepBack(): Promise<void> {
    if (this.mode !== 'practice' || !this.record.choices.length || this.play.ended) return;
    const choices = this.record.choices.slice(0, -1);
    this.play.stop();
    this.play = this.started(choices.map((c) => c.responseId));
    this.record = { ...this.record, choices };
    await this.store.put(this.record);
  }

  private started(choices: readonly string[]): Play {
    return startPlay(this.scenario, this.rubric, { attemptId: this.record.id, choices });
  }
}

/** The beat of each of a record's choices, derived by replaying it: for records saved before choices kept their beat. */
export function beatsByReplay(scenario: Scenario, rubric: Rubric, record: AttemptRecord): string[] {
  const play = startPlay(scenario, rubric, { attemptId: record.id, choices: record.choices.map((c) => c.responseId) });
  const beats = play.turns.map((turn) => turn.beat);
  play.stop();
  return beats;
}
