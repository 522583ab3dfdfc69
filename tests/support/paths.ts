/**
 * The greedy best and worst paths through a scenario: at every beat, the reply
 * the engine rates highest (its own "best"), or the one it rates lowest (ties
 * to the larger loss of trust plus safety). Used to play every scenario in the
 * browser at both extremes, and, from a given beat and with some replies left
 * out, to play what a trainee who skips a risk question would.
 */
import { offeredAt, replay } from '../../src/engine/index.js';
import type { Response, Rubric, Scenario } from '../../src/engine/index.js';

const MAX_TURNS = 60;

export interface GreedyOptions {
  /** Choices already made; the greedy path continues from where they lead. */
  readonly prefix?: readonly string[];
  /** Replies never to choose, where the beat offers any other. */
  readonly skip?: (response: Response) => boolean;
}

export function greedyPath(scenario: Scenario, rubric: Rubric, which: 'best' | 'worst', options: GreedyOptions = {}): string[] {
  const choices: string[] = [...(options.prefix ?? [])];
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const at = choices.length ? replay(scenario, rubric, choices).turns.at(-1)!.next : scenario.start;
    const all = offeredAt(scenario, at);
    if (!all.length) return choices;
    const responses = scenario.beats[at]!.responses;
    const allowed = all.filter((id) => !options.skip?.(responses.find((r) => r.id === id)!));
    const offered = allowed.length ? allowed : all;
    const tried = offered.map((id) => ({ id, turn: replay(scenario, rubric, [...choices, id]).turns.at(-1)! }));
    const pick = which === 'best'
      ? tried.find((t) => t.id === t.turn.best) ?? tried.reduce((best, t) => (t.turn.rating > best.turn.rating ? t : best))
      : tried.reduce((worst, t) => (t.turn.rating < worst.turn.rating
        || (t.turn.rating === worst.turn.rating && t.turn.deltas.trust + t.turn.deltas.safety < worst.turn.deltas.trust + worst.turn.deltas.safety) ? t : worst));
    choices.push(pick.id);
  }
  throw new Error(`${scenario.id}: the greedy ${which} path did not end within ${MAX_TURNS} turns`);
}

/** The fewest choices from the start that show `beat` (breadth first over the beats reached). */
export function pathTo(scenario: Scenario, rubric: Rubric, beat: string): string[] {
  const queue: string[][] = [[]];
  const seen = new Set<string>([scenario.start]);
  while (queue.length) {
    const choices = queue.shift()!;
    const at = choices.length ? replay(scenario, rubric, choices).turns.at(-1)!.next : scenario.start;
    if (at === beat) return choices;
    for (const id of offeredAt(scenario, at)) {
      const next = replay(scenario, rubric, [...choices, id]).turns.at(-1)!.next;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push([...choices, id]);
    }
  }
  throw new Error(`${scenario.id}: no path from "${scenario.start}" shows the beat "${beat}"`);
}
