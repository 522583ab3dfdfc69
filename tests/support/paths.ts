/**
 * The greedy best and worst paths through a scenario: at every beat, the reply
 * the engine rates highest (its own "best"), or the one it rates lowest (ties
 * to the larger loss of trust plus safety). Used to play every scenario in the
 * browser at both extremes.
 */
import { offeredAt, replay } from '../../src/engine/index.js';
import type { Rubric, Scenario } from '../../src/engine/index.js';

const MAX_TURNS = 60;

export function greedyPath(scenario: Scenario, rubric: Rubric, which: 'best' | 'worst'): string[] {
  const choices: string[] = [];
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const at = choices.length ? replay(scenario, rubric, choices).turns.at(-1)!.next : scenario.start;
    const offered = offeredAt(scenario, at);
    if (!offered.length) return choices;
    const tried = offered.map((id) => ({ id, turn: replay(scenario, rubric, [...choices, id]).turns.at(-1)! }));
    const pick = which === 'best'
      ? tried.find((t) => t.id === t.turn.best)!
      : tried.reduce((worst, t) => (t.turn.rating < worst.turn.rating
        || (t.turn.rating === worst.turn.rating && t.turn.deltas.trust + t.turn.deltas.safety < worst.turn.deltas.trust + worst.turn.deltas.safety) ? t : worst));
    choices.push(pick.id);
  }
  throw new Error(`${scenario.id}: the greedy ${which} path did not end within ${MAX_TURNS} turns`);
}
