/** Reading the shipped library (scenarios/ and the rubric) in tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRubric, loadScenario } from '../../src/engine/index.js';
import type { LoadedScenario, Rubric } from '../../src/engine/index.js';

export const LIBRARY = join(import.meta.dirname, '..', '..', 'scenarios');

export function shippedRubric(): { rubric: Rubric; hash: string } {
  const file = 'scenarios/rubric.yaml';
  const { loaded, problems } = loadRubric(readFileSync(join(LIBRARY, 'rubric.yaml'), 'utf8'), file);
  if (!loaded) throw new Error(`the shipped rubric does not load:\n${JSON.stringify(problems, null, 2)}`);
  return loaded;
}

export const scenarioFileNames = (): string[] =>
  readdirSync(LIBRARY).filter((name) => name.endsWith('.yaml') && name !== 'rubric.yaml').sort();

export function shippedScenario(name: string, rubric: Rubric = shippedRubric().rubric): LoadedScenario {
  const { loaded, problems } = loadScenario(readFileSync(join(LIBRARY, name), 'utf8'), `scenarios/${name}`, rubric);
  if (!loaded) throw new Error(`${name} does not load:\n${JSON.stringify(problems, null, 2)}`);
  return loaded;
}
