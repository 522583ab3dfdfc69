/**
 * `securebase play [file] [--mode practice|assessment]`: a session in the
 * terminal, so authors can play-test as they write and anyone can try a
 * scenario without a browser. The same engine scores it as the game does.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { DEFAULT_THRESHOLDS, describeCue, isError, judgeAttempt, loadScenario, startPlay } from '../engine/index.js';
import type { LoadedScenario, Rubric, Scenario } from '../engine/index.js';
import { DEFAULT_LIBRARY, readRubric, readText, rubricPathFor, scenarioFiles, shown } from './files.js';
import { CliError, plural, print, usageError } from './output.js';
import { printDebrief, signed } from './debrief.js';
import { failOnProblems } from './problems.js';

export const MODES = ['practice', 'assessment'] as const;

export interface PlayOptions {
  readonly file?: string | undefined;
  readonly mode: string;
  readonly rubric?: string | undefined;
}

/**
 * Lines typed (or piped) by the player, one answer at a time. `close` lets go
 * of standard input, so the command exits at the end of the session instead of
 * waiting for more input.
 */
function answers() {
  const reader = createInterface({ input: process.stdin, terminal: false });
  const lines = reader[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | undefined> => {
    process.stdout.write(prompt);
    const next = await lines.next();
    const answer = next.done ? undefined : String(next.value).trim();
    // Piped answers are not echoed by a terminal; echo them so the transcript reads right.
    if (!process.stdin.isTTY) process.stdout.write(`${answer ?? ''}\n`);
    return answer;
  };
  return { ask, close: () => reader.close() };
}

type Ask = ReturnType<typeof answers>['ask'];

async function choose(ask: Ask, count: number): Promise<number | undefined> {
  for (;;) {
    const answer = await ask(`Choose 1-${count} (q to stop): `);
    if (answer === undefined || answer.toLowerCase() === 'q') return undefined;
    const picked = Number(answer);
    if (Number.isInteger(picked) && picked >= 1 && picked <= count) return picked - 1;
    print(`Type a number from 1 to ${count}.`);
  }
}

function load(path: string, rubric: Rubric): LoadedScenario {
  const { loaded, problems } = loadScenario(readText(path), shown(path), rubric);
  failOnProblems(problems);
  return loaded!;
}

async function pickScenario(ask: Ask, rubric: Rubric): Promise<Scenario | undefined> {
  const library: Scenario[] = [];
  for (const path of scenarioFiles([DEFAULT_LIBRARY])) {
    const { loaded, problems } = loadScenario(readText(path), shown(path), rubric);
    if (loaded) library.push(loaded.scenario);
    else print(`(${shown(path)} is left out: it has ${plural(problems.filter(isError).length, 'error')}; run securebase check)`);
  }
  if (!library.length) throw new CliError('SB_FILE_NOT_FOUND', `no playable scenarios in ${DEFAULT_LIBRARY}/`);
  print('Scenarios:');
  library.forEach((scenario, i) => print(`  ${i + 1}. ${scenario.title} (${scenario.client.attachment.replace(/_/g, ' ')}, ${scenario.minutes ?? '?'} min)`));
  const index = await choose(ask, library.length);
  return index === undefined ? undefined : library[index];
}

function printBriefing(scenario: Scenario, mode: string): void {
  const { client } = scenario;
  print(`\n${scenario.title}\n${'='.repeat(scenario.title.length)}`);
  print(`${client.name}, ${client.age} (${client.pronouns}). ${client.presenting}`);
  print(`\n${scenario.briefing.trim()}`);
  print('\nObjectives:');
  for (const objective of scenario.objectives) print(`  - ${objective}`);
  print(mode === 'practice' ? '\nPractice mode: you see the effect of each reply.' : '\nAssessment mode: no feedback until the debrief.');
}

/** The default thresholds in words, as the verdict applies them. */
function describeThresholds(): string {
  const { trust, safety, repair, failingOutcomes = [] } = DEFAULT_THRESHOLDS;
  const outcomes = failingOutcomes.length ? `; ending in ${failingOutcomes.join(' or ')} fails` : '';
  return `thresholds: Trust ${trust}, Safety ${safety}, Repair ${repair} where a rupture occurred${outcomes}`;
}

export async function runPlay(options: PlayOptions): Promise<number> {
  if (!(MODES as readonly string[]).includes(options.mode)) throw usageError(`unknown --mode "${options.mode}"; use practice or assessment`);
  const rubricFile = readRubric(rubricPathFor(options.file, options.rubric));
  failOnProblems(rubricFile.problems);
  const rubric = rubricFile.loaded!.rubric;
  const scenario = options.file ? load(options.file, rubric).scenario : undefined;
  const { ask, close } = answers();
  try {
    return await playSession(scenario ?? await pickScenario(ask, rubric), rubric, options.mode, ask);
  } finally {
    close();
  }
}

async function playSession(scenario: Scenario | undefined, rubric: Rubric, mode: string, ask: Ask): Promise<number> {
  if (!scenario) return 0;
  printBriefing(scenario, mode);

  // A fresh attempt id, as the game makes one: it seeds the order each beat's replies are shown in.
  const play = startPlay(scenario, rubric, { attemptId: randomUUID() });
  try {
    while (!play.ended) {
      const beat = play.beat!;
      const offered = play.offered;
      const cue = describeCue(beat.cue);
      print(`\n${scenario.client.name}${cue ? ` (${cue})` : ''}: ${beat.client ? `"${beat.client}"` : '[silence]'}`);
      offered.forEach((response, i) => print(`  ${i + 1}. ${response.say}`));
      const index = await choose(ask, offered.length);
      if (index === undefined) {
        print('\nSession stopped before the end.');
        printDebrief(scenario, play.result);
        return 0;
      }
      const turn = play.choose(offered[index]!.id);
      if (mode === 'practice') {
        print(`  -> rating ${turn.rating}/5, trust ${signed(turn.deltas.trust)}, safety ${signed(turn.deltas.safety)}${turn.feedback ? `. ${turn.feedback}` : ''}`);
      }
    }
    const result = play.result;
    const ending = scenario.endings[result.ending!]!;
    print(`\n${scenario.client.name}: "${ending.client}"`);
    if (ending.epilogue) print(`\n${ending.epilogue.trim()}`);
    print('\nDebrief\n-------');
    printDebrief(scenario, result);
    if (mode === 'assessment') {
      const verdict = judgeAttempt(result);
      print(`\nAssessment (${describeThresholds()}): ${verdict.passed ? 'PASSED' : 'NOT PASSED'}`);
      for (const reason of verdict.reasons) print(`  - ${reason}`);
    }
  } finally {
    play.stop();
  }
  return 0;
}
