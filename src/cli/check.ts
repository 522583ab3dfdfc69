/** `securebase check [paths…]`: validate and analyse scenario files. */
import { checkScenario, duplicateIdProblems, formatProblem, isError, libraryCoverage } from '../engine/index.js';
import type { LibraryCoverage, Problem, ScenarioCheck, ScoreBounds } from '../engine/index.js';
import { DEFAULT_LIBRARY, readRubric, readText, rubricPathFor, scenarioFiles, shown } from './files.js';
import type { RubricFile } from './files.js';
import { EXIT_OK, EXIT_PROBLEMS, plural, print, printJson, table } from './output.js';
import { printValidity, runValidity, validityJson } from './validity.js';
import type { ValidityReport } from './validity.js';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly json: boolean;
  readonly strict: boolean;
  /** Also print what the library covers of the 3RS, attachment styles and risk kinds. */
  readonly coverage?: boolean;
  /** Also run the validity suite (docs/scoring.md) on every scenario that loaded; a failing requirement fails the check. */
  readonly validity?: boolean;
  readonly rubric?: string | undefined;
}

interface FileReport {
  readonly file: string;
  /** The rubric file it was scored by. */
  readonly rubric: string;
  readonly check: ScenarioCheck;
}

const range = (i: { lo: number; hi: number }) => (i.lo === i.hi ? `${i.lo}` : `${i.lo}–${i.hi}`);

function describeBounds(bounds: ScoreBounds): string {
  const repair = bounds.repair ? range(bounds.repair) + (bounds.repairMayBeNull ? ' (or n/a)' : '') : 'n/a';
  return `trust ${range(bounds.trust)}, safety ${range(bounds.safety)}, repair ${repair}`;
}

export function runCheck(options: CheckOptions): number {
  const paths = options.paths.length ? options.paths : [DEFAULT_LIBRARY];
  const files = scenarioFiles(paths);
  // Each scenario is scored by its own rubric: --rubric, else the one beside it, else the library's.
  const rubrics = new Map<string, RubricFile>();
  const rubricOf = (path: string): RubricFile => {
    const rubricPath = rubricPathFor(path, options.rubric);
    let rubric = rubrics.get(rubricPath);
    if (!rubric) rubrics.set(rubricPath, (rubric = readRubric(rubricPath)));
    return rubric;
  };
  const reports: FileReport[] = [];
  for (const path of files) {
    const rubric = rubricOf(path);
    if (!rubric.loaded) continue;
    const file = shown(path);
    reports.push({ file, rubric: rubric.file, check: checkScenario(readText(path), file, rubric.loaded.rubric) });
  }
  const libraryProblems = duplicateIdProblems(reports.map((r) => r.check));
  const rubricProblems = [...rubrics.values()].flatMap((r) => r.problems);
  const problems: Problem[] = [...rubricProblems, ...reports.flatMap((r) => r.check.problems), ...libraryProblems];
  const errors = problems.filter(isError).length;
  const warnings = problems.length - errors;
  const failedInLibrary = new Set(libraryProblems.map((p) => p.file));

  const coverage = options.coverage ? coverageOf(reports, rubrics) : undefined;
  const validity = options.validity ? validityOf(reports, rubrics, failedInLibrary) : undefined;
  const failed = errors > 0 || (options.strict && warnings > 0) || (validity !== undefined && !validity.library.holds);

  if (options.json) {
    printJson({
      ...(coverage ? { coverage } : {}),
      ...(validity ? { validity: validityJson(validity) } : {}),
      ok: !failed,
      errors,
      warnings,
      rubrics: [...rubrics.values()].map((r) => ({ file: r.file, hash: r.loaded?.hash ?? null, problems: r.problems })),
      files: reports.map(({ file, rubric, check }) => ({
        file,
        rubric,
        id: check.loaded?.scenario.id ?? null,
        hash: check.loaded?.hash ?? null,
        problems: [...check.problems, ...libraryProblems.filter((p) => p.file === file)],
        bounds: check.bounds ?? null,
      })),
    });
    return failed ? EXIT_PROBLEMS : EXIT_OK;
  }

  for (const problem of problems) print(formatProblem(problem));
  if (problems.length) print('');
  for (const { file, check } of reports) {
    if (!check.loaded || failedInLibrary.has(file)) continue;
    const { scenario } = check.loaded;
    const size = `${plural(Object.keys(scenario.beats).length, 'beat')}, ${plural(Object.keys(scenario.endings).length, 'ending')}`;
    print(`ok  ${file}  ${scenario.id}: ${size}${check.bounds ? `; ${describeBounds(check.bounds)}` : ''}`);
  }
  if (coverage) printCoverage(coverage);
  if (validity) {
    print('');
    printValidity(validity);
  }
  const unchecked = files.length - reports.length;
  const against = [...rubrics.values()].map((r) => r.file).join(', ');
  const summary = `${plural(reports.length, 'scenario')} checked against ${against}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
    + (unchecked ? `; ${plural(unchecked, 'scenario')} not checked because ${unchecked === 1 ? 'its' : 'their'} rubric has errors` : '');
  const validityFailures = validity && !validity.library.holds ? `; validity: ${plural(validity.library.failures, 'requirement')} ${validity.library.failures === 1 ? 'fails' : 'fail'}` : '';
  const strictly = failed && !errors && warnings > 0 && options.strict ? ' (warnings fail under --strict)' : '';
  print(`${summary}${validityFailures}${strictly}`);
  return failed ? EXIT_PROBLEMS : EXIT_OK;
}

/** Coverage over the scenarios that loaded, each scored by its own rubric's kinds (the first rubric for the library as a whole). */
function coverageOf(reports: readonly FileReport[], rubrics: Map<string, RubricFile>): LibraryCoverage | undefined {
  const rubric = [...rubrics.values()].find((r) => r.loaded)?.loaded?.rubric;
  const scenarios = reports.flatMap((r) => (r.check.loaded ? [r.check.loaded.scenario] : []));
  return rubric ? libraryCoverage(scenarios, rubric) : undefined;
}

/** The validity suite over every scenario that loaded clean, each with its own rubric. */
function validityOf(reports: readonly FileReport[], rubrics: Map<string, RubricFile>, failedInLibrary: ReadonlySet<string>): ValidityReport {
  const inputs = reports.flatMap((report) => {
    const rubric = [...rubrics.values()].find((r) => r.file === report.rubric)?.loaded?.rubric;
    if (!report.check.loaded || !rubric || failedInLibrary.has(report.file)) return [];
    return [{ file: report.file, scenario: report.check.loaded.scenario, rubric }];
  });
  return runValidity(inputs);
}

const TRUST_RUPTURE_ROW = 'rupture from low trust (when: trust lt/lte)';

function printCoverage(coverage: LibraryCoverage): void {
  const scenarios = coverage.scenarios;
  print('Coverage (columns are scenarios; x = covered)');
  scenarios.forEach((c, i) => print(`  ${i + 1}. ${c.id} (${c.attachment})`));
  const header = ['', ...scenarios.map((_, i) => `${i + 1}`), 'total'];
  const rows = (items: readonly string[], has: (c: (typeof scenarios)[number], item: string) => boolean) => items.map((item) => {
    const marks = scenarios.map((c) => (has(c, item) ? 'x' : '.'));
    return [item, ...marks, `${marks.filter((m) => m === 'x').length}`];
  });
  const all = (part: { covered: readonly string[]; missing: readonly string[] }) => [...part.covered, ...part.missing];
  print(table(header, [
    ...rows(all(coverage.markers), (c, item) => (c.markers as readonly string[]).includes(item)),
    ...rows(all(coverage.strategies), (c, item) => c.strategies.includes(item)),
    ...rows(Object.keys(coverage.attachment), (c, item) => c.attachment === item),
    ...rows(all(coverage.risks), (c, item) => (c.risks as readonly string[]).includes(item)),
    ...rows(all(coverage.pairings), (c, item) => c.pairings.includes(item)),
    ...rows(all(coverage.settings), (c, item) => c.setting === item),
    ...rows([TRUST_RUPTURE_ROW], (c) => c.trustRuptures.length > 0),
  ]));
  const line = (name: string, part: { covered: readonly string[]; missing: readonly string[] }) =>
    print(`${name}: ${part.covered.length} of ${part.covered.length + part.missing.length}${part.missing.length ? `; missing ${part.missing.join(', ')}` : ''}`);
  print('');
  line('3RS rupture markers', coverage.markers);
  line('3RS resolution strategies offered as good responses', coverage.strategies);
  print(`Attachment styles: ${Object.entries(coverage.attachment).map(([style, n]) => `${style} ${n}`).join(', ')}`);
  line('Risk kinds', coverage.risks);
  line('Rupture types met with immediate and expressive repair', coverage.pairings);
  line('Settings', coverage.settings);
  print(`Ruptures that grow out of low trust: ${coverage.trustRuptures.length ? coverage.trustRuptures.join(', ') : 'none'}`);
  if (coverage.tutorials.length) print(`Tutorials, not counted above: ${coverage.tutorials.join(', ')}`);
  print('');
}
