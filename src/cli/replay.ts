/** `securebase replay <file> --choices a,b,c [--json]`: score a list of choices. */
import { SecureBaseError, judgeAttempt, loadScenario, replay } from '../engine/index.js';
import type { AttemptResult } from '../engine/index.js';
import { readRubric, readText, rubricPathFor, shown } from './files.js';
import { CliError, print, printJson } from './output.js';
import { printDebrief } from './debrief.js';
import { failOnProblems } from './problems.js';

export interface ReplayOptions {
  readonly file: string;
  readonly choices: readonly string[];
  readonly json: boolean;
  readonly rubric?: string | undefined;
}

/** The `--json` shape: stable, documented in docs/cli.md. The verdict is under the default thresholds. */
export function replayJson(id: string, hash: string, rubricHash: string, result: AttemptResult) {
  const verdict = judgeAttempt(result);
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
    outcome: result.outcome,
    verdict: { passed: verdict.passed, reasons: [...verdict.reasons] },
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
  printDebrief(scenario, result);
  return 0;
}
