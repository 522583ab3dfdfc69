/**
 * The checker's whole judgement of one scenario file: load (shape and
 * references), then analysis, with every finding located in the file.
 */
import { analyseScenario } from './analysis/analyze.js';
import type { ScoreBounds } from './analysis/abstractPlay.js';
import { isError } from './errors.js';
import type { Problem } from './errors.js';
import { loadScenario, sortProblems } from './load/loadScenario.js';
import type { LoadedScenario } from './load/loadScenario.js';
import { problemAt } from './load/source.js';
import type { Rubric } from './schema/rubric.js';

export interface ScenarioCheck {
  /** Present when the file has no errors. */
  readonly loaded?: LoadedScenario;
  readonly problems: Problem[];
  /** Lowest and highest final scores; present when the file loaded and some ending is reachable. */
  readonly bounds?: ScoreBounds;
}

export function checkScenario(text: string, file: string, rubric: Rubric): ScenarioCheck {
  const { loaded, problems } = loadScenario(text, file, rubric);
  if (!loaded) return { problems };
  const { findings, bounds } = analyseScenario(loaded.scenario, rubric);
  const located = findings.map((f) => problemAt(loaded.source, f.code, f.path, f.message, f.hint, f.at));
  const all = sortProblems([...problems, ...located]);
  const result: ScenarioCheck = all.some(isError) ? { problems: all } : { loaded, problems: all };
  return bounds ? { ...result, bounds } : result;
}

/** Scenario ids must be unique across a library: attempts refer to them. */
export function duplicateIdProblems(checks: readonly ScenarioCheck[]): Problem[] {
  const byId = new Map<string, LoadedScenario[]>();
  for (const { loaded } of checks) {
    if (!loaded) continue;
    const list = byId.get(loaded.scenario.id) ?? [];
    list.push(loaded);
    byId.set(loaded.scenario.id, list);
  }
  const problems: Problem[] = [];
  for (const [id, list] of byId) {
    if (list.length < 2) continue;
    for (const loaded of list.slice(1)) {
      problems.push(problemAt(loaded.source, 'SB_ID_NOT_UNIQUE_IN_LIBRARY', ['id'],
        `scenario id "${id}" is already used by ${list[0]!.source.file}`,
        'Give each scenario its own id; attempts and assignments refer to scenarios by id.'));
    }
  }
  return problems;
}
