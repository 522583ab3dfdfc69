/**
 * One session in play: the compiled machine, driven by the trainee's choices,
 * with every choice saved before the next beat shows. Resuming replays the
 * saved choices through the same machine, so the beat and scores are the same.
 */
import { createActor } from 'xstate';
import { ENGINE_SCORING_VERSION, machineFor, resultOf } from '../engine/play.js';
import type { AttemptResult, Beat, Rubric, Scenario, SessionContext, Turn } from '../engine/play.js';
import type { LibraryEntry } from './library.js';
import type { AttemptRecord, AttemptStore } from './store.js';

export type Mode = 'practice' | 'assessment';

export class Session {
  private actor;

  private constructor(
    readonly entry: LibraryEntry,
    private readonly rubric: Rubric,
    private readonly store: AttemptStore,
    private record: AttemptRecord,
  ) {
    this.actor = this.replayed(record.choices.map((c) => c.responseId));
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
    return this.actor.getSnapshot().context;
  }

  /** The beat on screen, or undefined once the session has ended. */
  get beat(): Beat | undefined {
    return this.context.ending === null ? this.scenario.beats[this.context.at] : undefined;
  }

  get lastTurn(): Turn | undefined {
    return this.context.turns.at(-1);
  }

  get result(): AttemptResult {
    return resultOf(this.scenario, this.rubric, this.context);
  }

  /** Plays a response and saves it; resolves when the choice is durable, before the caller shows the next beat. */
  async choose(responseId: string): Promise<Turn> {
    const before = this.context.turns.length;
    this.actor.send({ type: 'RESPOND', responseId });
    if (this.context.turns.length === before) throw new Error(`"${responseId}" is not offered here`);
    const ended = this.context.ending !== null;
    this.record = {
      ...this.record,
      choices: [...this.record.choices, { responseId, at: new Date().toISOString() }],
      finishedAt: ended ? new Date().toISOString() : null,
    };
    await this.store.put(this.record);
    return this.lastTurn!;
  }

  /** Practice mode allows one step back: the last choice is undone and forgotten. */
  async stepBack(): Promise<void> {
    if (this.mode !== 'practice' || !this.record.choices.length || this.context.ending !== null) return;
    const choices = this.record.choices.slice(0, -1);
    this.actor.stop();
    this.actor = this.replayed(choices.map((c) => c.responseId));
    this.record = { ...this.record, choices };
    await this.store.put(this.record);
  }

  private replayed(choices: readonly string[]) {
    const actor = createActor(machineFor(this.scenario, this.rubric)).start();
    for (const responseId of choices) actor.send({ type: 'RESPOND', responseId });
    return actor;
  }
}
