/**
 * How long the validity suite (`securebase check --validity`) takes on the
 * shipped library, scenario by scenario: the walks (four greedy walks and
 * 5,000 clean and 5,000 random walks, each an engine play) and the path
 * enumeration, in processor time as well as wall time, because this machine is
 * shared and wall time is noisy. The whole library must take under 60 seconds.
 *
 *   npx tsx bench/validity.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_TURNS, PATH_LIMIT, enumeratePaths, scenarioValidity } from '../src/engine/analysis/validity.js';
import { loadRubric, loadScenario } from '../src/engine/index.js';

const TARGET_SECONDS = 60;
const LIBRARY = join(import.meta.dirname, '..', 'scenarios');
const rubric = loadRubric(readFileSync(join(LIBRARY, 'rubric.yaml'), 'utf8'), 'scenarios/rubric.yaml').loaded!.rubric;

function measure<T>(action: () => T): { value: T; wall: number; cpu: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = action();
  const used = process.cpuUsage(cpu);
  return { value, wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
}

const seconds = (n: number) => `${n.toFixed(1)} s`.padStart(8);
console.log('scenario                      greedy turns  walks (wall / cpu)   paths                 (wall / cpu)');
let wall = 0;
let cpu = 0;
for (const name of readdirSync(LIBRARY).filter((n) => n.endsWith('.yaml') && n !== 'rubric.yaml').sort()) {
  const { loaded } = loadScenario(readFileSync(join(LIBRARY, name), 'utf8'), `scenarios/${name}`, rubric);
  if (!loaded || loaded.scenario.kind === 'tutorial') continue;
  const { scenario } = loaded;
  // pathLimit 0: the walks alone (the graph proves more than 0 paths at once).
  const walks = measure(() => scenarioValidity(scenario, rubric, { pathLimit: 0 }));
  const paths = measure(() => enumeratePaths(scenario, rubric, PATH_LIMIT, MAX_TURNS));
  const v = walks.value;
  const turns = (v.greedyBest.turns + v.greedyWorst.turns + v.longest.turns + v.mostMoves.turns) / 4;
  const figure = paths.value.status === 'enumerated' ? `${paths.value.paths} paths` : paths.value.status;
  console.log(`${scenario.id.padEnd(32)}${turns.toFixed(1).padStart(10)}  ${seconds(walks.wall)} / ${seconds(walks.cpu)}   ${figure.padEnd(20)} ${seconds(paths.wall)} / ${seconds(paths.cpu)}`);
  wall += walks.wall + paths.wall;
  cpu += walks.cpu + paths.cpu;
}
console.log(`\nlibrary: ${wall.toFixed(1)} s wall, ${cpu.toFixed(1)} s processor; target under ${TARGET_SECONDS} s: ${wall < TARGET_SECONDS ? 'met' : 'MISSED'}`);
process.exitCode = wall < TARGET_SECONDS ? 0 : 1;
