/**
 * `securebase check --validity`: the validity suite of docs/scoring.md, run on
 * every scenario that checked clean (tutorials left out), as one table per
 * scenario and a library summary, or as JSON.
 */
import {
  BEST_IS_LONGEST_MAX_PERCENT, CLEAN_MIN_PERCENT, GREEDY_BEST_OUTCOMES, MAX_TURNS, PATH_LIMIT, RANDOM_MAX_PERCENT,
  VALIDITY_WALKS, scenarioValidity, summarise,
  FILE_PLACE_NAMES, LENGTH_RANK_NAMES,
} from '../engine/analysis/validity.js';
import type { FilePlacesRow, LengthRanksRow, LibraryValidity, PathCount, PolicyRun, ScenarioValidity, WalkRow } from '../engine/analysis/validity.js';
import type { Rubric, Scenario } from '../engine/index.js';
import { plural, print, table } from './output.js';

export interface ValidityInput {
  readonly file: string;
  readonly scenario: Scenario;
  readonly rubric: Rubric;
}

export interface ValidityReport {
  readonly library: LibraryValidity;
  /** The file of each scenario run, in the order of `library.scenarios`. */
  readonly files: readonly string[];
  readonly skipped: readonly { readonly file: string; readonly id: string }[];
}

export function runValidity(inputs: readonly ValidityInput[]): ValidityReport {
  const run = inputs.filter((input) => input.scenario.kind !== 'tutorial');
  const skipped = inputs.filter((input) => input.scenario.kind === 'tutorial');
  const scenarios = run.map((input) => scenarioValidity(input.scenario, input.rubric));
  return {
    library: summarise(scenarios, skipped.map((input) => input.scenario.id)),
    files: run.map((input) => input.file),
    skipped: skipped.map((input) => ({ file: input.file, id: input.scenario.id })),
  };
}

/** The `validity` part of `check --json`: documented in docs/cli.md. */
export function validityJson(report: ValidityReport) {
  const { library } = report;
  return {
    ok: library.holds,
    failures: library.failures,
    walks: VALIDITY_WALKS,
    pathLimit: PATH_LIMIT,
    maxTurns: MAX_TURNS,
    scenarios: library.scenarios.map((v, i) => ({
      file: report.files[i]!,
      id: v.scenario,
      ok: v.holds,
      greedyBest: v.greedyBest,
      greedyWorst: v.greedyWorst,
      longest: v.longest,
      mostMoves: v.mostMoves,
      lengthRanks: v.lengthRanks,
      filePlaces: v.filePlaces,
      clean: v.clean,
      random: v.random,
      bestIsLongest: v.bestIsLongest,
      repairedWithFlag: v.repairedWithFlag,
    })),
    skipped: report.skipped,
    bestIsLongest: library.bestIsLongest,
  };
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const percent = (part: number, whole: number) => (whole ? `${(Math.round((part / whole) * 1000) / 10).toFixed(1)} %` : 'n/a');
const holds = (ok: boolean) => (ok ? 'yes' : 'NO');

function played(run: PolicyRun): string {
  if (run.ending === null) return `fails: no ending after ${run.turns} turns`;
  const where = `${run.ending} (${run.outcome}), ${plural(run.turns, 'turn')}`;
  if (run.passed) return `passes: ${where}`;
  const flags = run.flags.length ? `; ${run.flags.join(', ')}` : '';
  return `fails: ${where}${flags}`;
}

/** Each fixed length rank by name, with the ending of any that passes. */
function ranked(row: LengthRanksRow): string {
  const passing = row.runs.filter((run) => run.passed);
  if (!passing.length) return `${row.runs.map((run) => LENGTH_RANK_NAMES[run.rank]).join(', ')}: each fails`;
  return passing.map((run) => `${LENGTH_RANK_NAMES[run.rank]} ${played(run)}`).join('; ');
}

/** Each fixed place in the file by name, with the ending of any that passes. */
function placed(row: FilePlacesRow): string {
  const passing = row.runs.filter((run) => run.passed);
  if (!passing.length) return `${row.runs.map((run) => FILE_PLACE_NAMES[run.place]).join(', ')}: each fails`;
  return passing.map((run) => `${FILE_PLACE_NAMES[run.place]} ${played(run)}`).join('; ');
}

const walked = (row: WalkRow) => `${thousands(row.passed)} of ${thousands(row.walks)} pass (${percent(row.passed, row.walks)})`;

function pathFigure(paths: PathCount, limit: number): string {
  switch (paths.status) {
    case 'enumerated': return `${thousands(paths.repairedWithFlag)} of ${thousands(paths.paths)} paths`;
    case 'too-many': return `paths not enumerated (over ${thousands(limit)})`;
    case 'unbounded': return `paths not enumerated (a loop runs past ${MAX_TURNS} turns)`;
  }
}

function scenarioRows(v: ScenarioValidity): string[][] {
  const { repairedWithFlag: r, bestIsLongest: b } = v;
  return [
    ['greedy best', played(v.greedyBest), `passes; ${GREEDY_BEST_OUTCOMES.join(', ')}`, holds(v.greedyBest.holds)],
    ['greedy worst', played(v.greedyWorst), 'fails', holds(v.greedyWorst.holds)],
    ['longest reply every beat', played(v.longest), 'fails', holds(v.longest.holds)],
    ['most moves every beat', played(v.mostMoves), 'fails', holds(v.mostMoves.holds)],
    ['any other length rank every beat', ranked(v.lengthRanks), 'each fails', holds(v.lengthRanks.holds)],
    ['a fixed place in the file every beat', placed(v.filePlaces), 'each fails', holds(v.filePlaces.holds)],
    ['clean walks', walked(v.clean), `at least ${CLEAN_MIN_PERCENT} % pass`, holds(v.clean.holds)],
    ['random walks', walked(v.random), `at most ${RANDOM_MAX_PERCENT} % pass`, holds(v.random.holds)],
    ['best reply is also the longest', `${b.longest} of ${plural(b.beats, 'beat')} (${percent(b.longest, b.beats)})`,
      `at most ${BEST_IS_LONGEST_MAX_PERCENT} % across the library`, '(library)'],
    ['repaired ending with a critical flag', `${thousands(r.walks)} of ${thousands(r.of)} walks; ${pathFigure(r.paths, PATH_LIMIT)}`,
      'none', holds(r.holds)],
  ];
}

const ROW_NAMES = ['greedy best', 'greedy worst', 'longest reply every beat', 'most moves every beat', 'any other length rank every beat', 'a fixed place in the file every beat', 'clean walks', 'random walks', 'repaired ending with a critical flag'];

export function printValidity(report: ValidityReport): void {
  const { library } = report;
  print(`Validity (docs/scoring.md, "The validity suite"): ${thousands(VALIDITY_WALKS)} clean and ${thousands(VALIDITY_WALKS)} random walks per scenario, fixed seeds; verdicts under the default thresholds`);
  library.scenarios.forEach((v, i) => {
    print('');
    print(`${report.files[i]}  ${v.scenario}: ${v.holds ? 'every row holds' : `${plural(failing(v).length, 'row')} ${failing(v).length === 1 ? 'fails' : 'fail'}`}`);
    print(indent(table(['row', 'figure', 'requirement', 'holds'], scenarioRows(v))));
    const { longestAt, unreached } = v.bestIsLongest;
    if (longestAt.length) print(`  best is also the longest at: ${longestAt.join(', ')}`);
    if (unreached.length) print(`  no walk reached (left out): ${unreached.join(', ')}`);
  });
  print('');
  const { beats, longest } = library.bestIsLongest;
  const skipped = report.skipped.length ? `; skipped ${report.skipped.map((s) => `${s.id} (tutorial)`).join(', ')}` : '';
  print(`Library: ${plural(library.scenarios.length, 'scenario')}${skipped}`);
  print(`  best reply is also the longest: ${longest} of ${plural(beats, 'beat')} (${percent(longest, beats)}); at most ${BEST_IS_LONGEST_MAX_PERCENT} %: ${holds(library.bestIsLongest.holds)}`);
  const meeting = library.scenarios.filter((v) => v.holds).length;
  print(`  ${meeting} of ${plural(library.scenarios.length, 'scenario')} meet every row`);
  for (const v of library.scenarios) if (!v.holds) print(`  ${v.scenario}: ${failing(v).join('; ')}`);
  print(library.holds ? 'Validity: every requirement holds' : `Validity: ${plural(library.failures, 'requirement')} ${library.failures === 1 ? 'fails' : 'fail'}`);
  print('');
}

function failing(v: ScenarioValidity): string[] {
  const rows = [v.greedyBest, v.greedyWorst, v.longest, v.mostMoves, v.lengthRanks, v.filePlaces, v.clean, v.random, v.repairedWithFlag];
  return ROW_NAMES.filter((_, i) => !rows[i]!.holds);
}

const indent = (text: string) => text.split('\n').map((line) => `  ${line}`).join('\n');
