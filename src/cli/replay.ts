/** `securebase replay <file> --choices a,b,c [--json]`: score a list of choices. */
import { SecureBaseError, loadScenario, replay } from '../engine/index.js';
import type { AttemptResult } from '../engine/index.js';
import { readRubric, readText, rubricPathFor, shown } from './files.js';
import { CliError, print, printJson, table } from './output.js';
import { failOnProblems } from './problems.js';

export interface ReplayOptions {
  readonly file: string;
  readonly choices: readonly string[];
  readonly json: boolean;
  readonly rubric?: string | undefined;
}

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

/** The `--json` shape: stable, documented in docs/cli.md. */
export function replayJson(id: string, hash: string, rubricHash: string, result: AttemptResult) {
  return {
    scenario: id,
    hash,
    rubric: rubricHash,
    turns: result.turns.map((turn) => ({
      index: turn.index,
      beat: turn.beat,
      response: turn.response,
      moves: [...turn.moves],
      deltas: { trust: turn.deltas.trust, safety: turn.deltas.safety },
      trust: turn.trust,
      safety: turn.safety,
      rating: turn.rating,
      best: turn.best,
    })),
    scores: { trust: result.scores.trust, safety: result.scores.safety, repair: result.scores.repair },
    flags: result.flags.map((flag) => flag.flag),
    ending: result.ending,
  };
}

export function runReplay(options: ReplayOptions): number {
  const rubricFile = readRubric(rubricPathFor(options.file, options.rubric));
  failOnProblems(rubricFile.problems);
  const file = shown(options.file);
  const { loaded, problems } = loadScenario(readText(options.file), file, rubricFile.loaded!.rubric);
  failOnProblems(problems);
  const { scenario, hash } = loaded!;
  let result: AttemptResult;
  try {
    result = replay(scenario, rubricFile.loaded!.rubric, options.choices);
  } catch (error) {
    if (error instanceof SecureBaseError) throw new CliError(error.code, `${file}: ${error.message}`);
    throw error;
  }
  if (options.json) {
    printJson(replayJson(scenario.id, hash, rubricFile.loaded!.hash, result));
    return 0;
  }
  print(`${scenario.title} (${scenario.id})`);
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
  print(`Critical flags: ${result.flags.length ? result.flags.map((f) => f.flag).join(', ') : 'none'}`);
  print(result.ending
    ? `Ending: ${result.ending} (${result.outcome})`
    : `Not finished: next beat "${result.turns.at(-1)?.next ?? scenario.start}" offers ${scenario.beats[result.turns.at(-1)?.next ?? scenario.start]?.responses.map((r) => r.id).join(', ')}`);
  return 0;
}
