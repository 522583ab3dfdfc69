/**
 * Loads a scenario from YAML text. Reports every problem at once, each with
 * file, line, column, field path and a hint; never throws on bad input.
 */
import { CODES, isError } from '../errors.js';
import { ID_PATTERN } from '../vocabulary.js';
import type { Problem } from '../errors.js';
import { contentHash } from '../hash.js';
import type { Rubric } from '../schema/rubric.js';
import { ScenarioSchema } from '../schema/scenario.js';
import type { Scenario } from '../schema/scenario.js';
import { checkScenarioReferences } from './scenarioReferences.js';
import { validateShape } from './schemaProblems.js';
import { locate, parseYaml } from './source.js';
import type { YamlSource } from './source.js';

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** SHA-256 of the canonical JSON of the document. */
  readonly hash: string;
  readonly source: YamlSource;
}

export interface ScenarioLoadResult {
  /** Present when the file has no errors (it may still have warnings). */
  readonly loaded?: LoadedScenario;
  readonly problems: Problem[];
}

/**
 * @param file the name shown in problems, e.g. `scenarios/maya.yaml`
 * @param rubric when given, every move is checked against it
 */
export function loadScenario(text: string, file: string, rubric?: Rubric): ScenarioLoadResult {
  const { source, problems: parsing } = parseYaml(text, file);
  if (!source || parsing.length) return { problems: parsing };
  const shape = validateShape(source, ScenarioSchema);
  const all = sortProblems([...shape.problems, ...checkScenarioReferences(source, rubric), ...fileNameProblems(source)]);
  if (!shape.value || all.some(isError)) return { problems: all };
  return { loaded: { scenario: shape.value, hash: contentHash(source.data), source }, problems: all };
}

function fileNameProblems(source: YamlSource): Problem[] {
  const id = (source.data as { id?: unknown } | null)?.id;
  const base = source.file.split(/[\\/]/).pop() ?? '';
  if (typeof id !== 'string' || !ID_PATTERN.test(id) || !/\.ya?ml$/.test(base) || base.replace(/\.ya?ml$/, '') === id) return [];
  const { line, column } = locate(source, ['id']);
  return [{
    code: 'SB_FILE_NAME_MISMATCH', severity: CODES.SB_FILE_NAME_MISMATCH.severity, file: source.file, line, column, path: 'id',
    message: `the file is named "${base}" but the scenario id is "${id}"`, hint: `Rename the file to "${id}.yaml" so authors can find it by id.`,
  }];
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
