/**
 * The one way to play a scenario: the game, `securebase play`, the demo, the
 * server and replay all go through `startPlay`. It runs the compiled XState
 * machine (nothing outside the engine imports xstate), shows each beat's
 * replies in the attempt's shuffled order, and refuses a reply that is not on
 * offer, here and nowhere else.
 */
import { createActor } from 'xstate';
import { compile } from './compile.js';
import type { ScenarioMachine } from './compile.js';
import { SecureBaseError } from './errors.js';
import { resultOf } from './result.js';
import type { AttemptResult } from './result.js';
import type { Rubric } from './schema/rubric.js';
import type { Beat, Response, Scenario } from './schema/scenario.js';
import type { SessionContext, Turn } from './session/context.js';
import { shuffledFor } from './shuffle.js';

const machines = new WeakMap<Scenario, WeakMap<Rubric, ScenarioMachine>>();

/** Compiles once per scenario and rubric object. */
export function machineFor(scenario: Scenario, rubric: Rubric): ScenarioMachine {
  let byRubric = machines.get(scenario);
  if (!byRubric) machines.set(scenario, (byRubric = new WeakMap()));
  let machine = byRubric.get(rubric);
  if (!machine) byRubric.set(rubric, (machine = compile(scenario, rubric)));
  return machine;
}

export interface PlayOptions {
  /** Seeds the order replies are shown in; scores never depend on it. */
  readonly attemptId: string;
  /** Response ids already chosen, replayed before play goes on (a resumed attempt). */
  readonly choices?: readonly string[];
}

/** A session in play. */
export interface Play {
  readonly scenario: Scenario;
  readonly attemptId: string;
  readonly context: SessionContext;
  /** The beat on screen; undefined once an ending is reached. */
  readonly beat: Beat | undefined;
  readonly beatId: string | null;
  /** The replies on offer, in the order this attempt shows them; empty at an ending. */
  readonly offered: readonly Response[];
  readonly ended: boolean;
  readonly turns: readonly Turn[];
  readonly lastTurn: Turn | undefined;
  /** Scores, flags and outcome as they stand. */
  readonly result: AttemptResult;
  /**
   * Plays the reply with this id and returns the scored turn.
   * @throws SecureBaseError `SB_REPLAY_NOT_OFFERED` or `SB_REPLAY_AFTER_ENDING`, naming the turn and the beat.
   */
  choose(responseId: string): Turn;
  /** Ends the machine; the play can no longer change. */
  stop(): void;
}

/** The replies at `beatId` in the order the attempt shows them. */
export function shownOrder(scenario: Scenario, attemptId: string, beatId: string): Response[] {
  const beat = scenario.beats[beatId];
  return beat ? shuffledFor(beat.responses, attemptId, beatId) : [];
}

export function startPlay(scenario: Scenario, rubric: Rubric, options: PlayOptions): Play {
  const actor = createActor(machineFor(scenario, rubric)).start();
  const context = (): SessionContext => actor.getSnapshot().context;
  const offeredCache = new Map<string, Response[]>();
  const offered = (): Response[] => {
    const { at, ending } = context();
    if (ending !== null) return [];
    let order = offeredCache.get(at);
    if (!order) offeredCache.set(at, (order = shownOrder(scenario, options.attemptId, at)));
    return order;
  };

  const choose = (responseId: string): Turn => {
    const { at, ending, turns } = context();
    const turn = turns.length;
    if (ending !== null) {
      throw new SecureBaseError('SB_REPLAY_AFTER_ENDING',
        `turn ${turn}: the session already ended at "${ending}", so "${responseId}" cannot be played`,
        { turn, ending, response: responseId });
    }
    const ids = offered().map((response) => response.id);
    if (!ids.includes(responseId)) {
      throw new SecureBaseError('SB_REPLAY_NOT_OFFERED',
        `turn ${turn}, beat "${at}": response "${responseId}" is not offered here (offered: ${ids.join(', ')})`,
        { turn, beat: at, response: responseId, offered: ids });
    }
    actor.send({ type: 'RESPOND', responseId });
    return context().turns[turn]!;
  };

  for (const responseId of options.choices ?? []) choose(responseId);

  return {
    scenario,
    attemptId: options.attemptId,
    get context() { return context(); },
    get beat() { const c = context(); return c.ending === null ? scenario.beats[c.at] : undefined; },
    get beatId() { const c = context(); return c.ending === null ? c.at : null; },
    get offered() { return offered(); },
    get ended() { return context().ending !== null; },
    get turns() { return context().turns; },
    get lastTurn() { return context().turns.at(-1); },
    get result() { return resultOf(scenario, rubric, context()); },
    choose,
    stop: () => actor.stop(),
  };
}
