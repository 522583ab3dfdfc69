/**
 * Replays a list of response ids through the compiled machine: the same result
 * as playing, deterministically. The command line, the tests and the server use it.
 */
import { createActor } from 'xstate';
import { compile } from './compile.js';
import type { ScenarioMachine } from './compile.js';
import { SecureBaseError } from './errors.js';
import { resultOf } from './result.js';
import type { AttemptResult } from './result.js';
import type { Rubric } from './schema/rubric.js';
import type { Scenario } from './schema/scenario.js';

const machines = new WeakMap<Scenario, WeakMap<Rubric, ScenarioMachine>>();

/** Compiles once per scenario and rubric object. */
export function machineFor(scenario: Scenario, rubric: Rubric): ScenarioMachine {
  let byRubric = machines.get(scenario);
  if (!byRubric) machines.set(scenario, (byRubric = new WeakMap()));
  let machine = byRubric.get(rubric);
  if (!machine) byRubric.set(rubric, (machine = compile(scenario, rubric)));
  return machine;
}

/** The response ids offered at the current beat, or none at an ending. */
export function offeredAt(scenario: Scenario, at: string): string[] {
  return scenario.beats[at]?.responses.map((response) => response.id) ?? [];
}

/**
 * @throws SecureBaseError `SB_REPLAY_NOT_OFFERED` or `SB_REPLAY_AFTER_ENDING`,
 *   naming the turn (from 0) and the beat.
 */
export function replay(scenario: Scenario, rubric: Rubric, responseIds: readonly string[]): AttemptResult {
  const actor = createActor(machineFor(scenario, rubric)).start();
  responseIds.forEach((responseId, turn) => {
    const { context } = actor.getSnapshot();
    if (context.ending !== null) {
      throw new SecureBaseError('SB_REPLAY_AFTER_ENDING',
        `turn ${turn}: the session already ended at "${context.ending}", so "${responseId}" cannot be played`,
        { turn, ending: context.ending, response: responseId });
    }
    const offered = offeredAt(scenario, context.at);
    if (!offered.includes(responseId)) {
      throw new SecureBaseError('SB_REPLAY_NOT_OFFERED',
        `turn ${turn}, beat "${context.at}": response "${responseId}" is not offered here (offered: ${offered.join(', ')})`,
        { turn, beat: context.at, response: responseId, offered });
    }
    actor.send({ type: 'RESPOND', responseId });
  });
  const result = resultOf(scenario, rubric, actor.getSnapshot().context);
  actor.stop();
  return result;
}
