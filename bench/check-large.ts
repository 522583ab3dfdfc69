/**
 * How long the checker takes on generated scenarios of growing size, and
 * whether a 5,000-beat scenario checks in under 2 seconds. Figures are also
 * given as ratios to a baseline measured in the same run (reading the same
 * YAML with the fast parser alone), because these machines are noisy.
 *
 *   npm run bench
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { checkScenario, loadRubric } from '../src/engine/index.js';
import { generateScenarioYaml } from '../tests/support/generateScenario.js';

const TARGET_BEATS = 5000;
const TARGET_MS = 2000;
const SIZES = [500, 1000, 2000, TARGET_BEATS];
const RUNS = 5;

const rubricPath = join(import.meta.dirname, '..', 'scenarios', 'rubric.yaml');
const rubric = loadRubric(readFileSync(rubricPath, 'utf8'), 'scenarios/rubric.yaml').loaded!.rubric;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
function time(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

const texts = new Map(SIZES.map((beats) => [beats, generateScenarioYaml(beats)]));

// The first check in a fresh process is what an author waits for: measure it before anything warms up.
const coldText = texts.get(TARGET_BEATS)!;
let coldProblems = 0;
const cold = time(() => {
  coldProblems = checkScenario(coldText, `generated-${TARGET_BEATS}.yaml`, rubric).problems.length;
});

console.log(`Checker on generated scenarios (${RUNS} runs each, median; sizes in beats)\n`);
console.log('beats   chars       parse only   check      check / parse   ms per 1,000 beats');
const rows: { beats: number; check: number }[] = [];
for (const beats of SIZES) {
  const text = texts.get(beats)!;
  const parse = median(Array.from({ length: RUNS }, () => time(() => load(text))));
  const check = median(Array.from({ length: RUNS }, () => time(() => {
    const result = checkScenario(text, `generated-${beats}.yaml`, rubric);
    if (!result.loaded || result.problems.length) throw new Error(`generated-${beats} should check clean`);
  })));
  rows.push({ beats, check });
  console.log(`${String(beats).padEnd(7)} ${String(text.length).padEnd(11)} ${parse.toFixed(0).padStart(7)} ms  ${check.toFixed(0).padStart(6)} ms  ${(check / parse).toFixed(1).padStart(10)}x  ${((check / beats) * 1000).toFixed(0).padStart(12)} ms`);
}

const small = rows[0]!;
const large = rows.at(-1)!;
const growth = (large.check / small.check) / (large.beats / small.beats);
console.log(`\nGrowth: ${large.beats / small.beats}x the beats took ${(large.check / small.check).toFixed(1)}x the time (${growth.toFixed(2)} of linear).`);
console.log(`First check of ${TARGET_BEATS} beats in a fresh process: ${cold.toFixed(0)} ms (${coldProblems} problems); warm median ${large.check.toFixed(0)} ms.`);
const verdict = cold < TARGET_MS && large.check < TARGET_MS;
console.log(`${verdict ? 'PASS' : 'FAIL'}: target is under ${TARGET_MS} ms for ${TARGET_BEATS} beats.`);
process.exitCode = verdict ? 0 : 1;
