/** The end-of-session report in the terminal: every turn, then the scores and flags. */
import type { AttemptResult, Scenario } from '../engine/index.js';
import { print, table } from './output.js';

export const signed = (n: number) => (n > 0 ? `+${n}` : n === 0 ? "±0" : `${n}`);

export function printDebrief(scenario: Scenario, result: AttemptResult): void {
  print(table(
    ['turn', 'beat', 'response', 'rating', 'trust', 'safety', 'best', 'moves'],
    result.turns.map((turn) => [
      `${turn.index}`, turn.beat, turn.response, `${turn.rating}/5`,
      `${turn.trust} (${signed(turn.deltas.trust)})`, `${turn.safety} (${signed(turn.deltas.safety)})`,
      turn.best === turn.response ? '=' : turn.best, turn.moves.join(' '),
    ]),
  ));
  print('');
  const { trust, safety, repair } = result.scores;
  print(`Trust ${trust}   Safety ${safety}   Rupture-repair ${repair ?? 'n/a (no rupture)'}`);
  if (result.flags.length) {
    print(`Critical flags (the attempt fails):`);
    for (const flag of result.flags) print(`  ${flag.flag} at turn ${flag.turn}: ${flag.message}`);
  } else {
    print('Critical flags: none');
  }
  for (const note of result.notes) print(`Note: ${note.flag} at turn ${note.turn}: ${note.message}`);
  if (result.ending) {
    print(`Ending: ${result.ending} (${result.outcome})`);
    return;
  }
  const at = result.turns.at(-1)?.next ?? scenario.start;
  print(`Not finished: beat "${at}" offers ${offeredList(scenario, at)}`);
}

const offeredList = (scenario: Scenario, at: string) => scenario.beats[at]?.responses.map((r) => r.id).join(', ') ?? 'nothing';
