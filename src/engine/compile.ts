/**
 * Compiles a scenario into an XState v5 machine: beats are states, endings are
 * final states, one event `RESPOND { responseId }`, and each `when` is a guard.
 * The machine's actions only call the pure step functions in session/step.ts.
 */
import { assign, setup } from 'xstate';
import type { Rubric } from './schema/rubric.js';
import type { Condition, Scenario } from './schema/scenario.js';
import { conditionHolds } from './session/conditions.js';
import { initialContext } from './session/context.js';
import type { SessionContext } from './session/context.js';
import { branchesOf, enterBeat, enterEnding, findResponse, stateAfterTurn, takeTurn } from './session/step.js';

export interface RespondEvent {
  readonly type: 'RESPOND';
  readonly responseId: string;
}

interface BranchGuard {
  readonly response: string;
  readonly when: Condition | undefined;
}

export function compile(scenario: Scenario, rubric: Rubric) {
  const chooses = ({ context, event }: { context: SessionContext; event: RespondEvent }, params: BranchGuard): boolean => {
    if (event.responseId !== params.response) return false;
    if (!params.when) return true;
    const response = findResponse(scenario, context.at, params.response);
    return response !== undefined && conditionHolds(params.when, stateAfterTurn(scenario, rubric, context, response));
  };

  const logic = setup({
    types: {
      context: {} as SessionContext,
      events: {} as RespondEvent,
    },
    guards: {
      chooses,
    },
    actions: {
      takeTurn: assign(({ context }, params: { response: string }) => takeTurn(scenario, rubric, context, params.response)),
      enterBeat: assign(({ context }, params: { beat: string }) => enterBeat(scenario, rubric, context, params.beat)),
      enterEnding: assign(({ context }, params: { ending: string }) => enterEnding(context, params.ending)),
    },
  });

  const { states } = machineConfig(scenario);
  return logic.createMachine({
    id: scenario.id,
    initial: scenario.start,
    context: () => initialContext(scenario),
    // The config is built from data, so its literal state names are unknown to the types.
    states: states as never,
  });
}

export type ScenarioMachine = ReturnType<typeof compile>;

/**
 * The machine's states as plain JSON: beats with their guarded RESPOND
 * transitions, endings as final states. `compile` runs it; `securebase graph
 * --format json` prints it for Stately's visualiser.
 */
export function machineConfig(scenario: Scenario) {
  const states: Record<string, object> = {};
  for (const [beatId, beat] of Object.entries(scenario.beats)) {
    states[beatId] = {
      description: beat.client,
      entry: { type: 'enterBeat', params: { beat: beatId } },
      on: {
        RESPOND: beat.responses.flatMap((response) =>
          branchesOf(response).map((branch) => ({
            target: branch.to,
            // A response that leads back to its own beat enters it again (marker, risk, stage, resolves apply anew).
            reenter: true,
            guard: { type: 'chooses', params: { response: response.id, when: branch.when } },
            actions: { type: 'takeTurn', params: { response: response.id } },
          }))),
      },
    };
  }
  for (const endingId of Object.keys(scenario.endings)) {
    states[endingId] = { type: 'final', description: scenario.endings[endingId]!.client, entry: { type: 'enterEnding', params: { ending: endingId } } };
  }

  return { id: scenario.id, initial: scenario.start, states };
}
