/**
 * The real `securebase` command, run as a child process from the repository root
 * the way authors and CI run it. Each spawn costs about half a second, so the
 * tests share a handful of runs (21 spawns in all), one or two at a time.
 *
 * Fixtures (tests/fixtures/):
 *   small.yaml                checks clean; replays own-it, stay, close to end-repaired
 *   cli/errors/broken.yaml    two errors: unknown next (59:15) and unknown move (87:17)
 *   cli/errors/fine.yaml      clean, beside the broken one
 *   cli/warning/warned.yaml   one warning: SB_WHEN_DEAD at 40:19
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActor, createMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { judgeAttempt, loadScenario, replay } from '../../src/engine/index.js';
import { shippedRubric } from '../support/library.js';
import { securebaseRun } from '../support/cli.js';
import type { Run } from '../support/cli.js';

const ROOT = join(import.meta.dirname, '..', '..');
const RUBRIC = ['--rubric', 'scenarios/rubric.yaml'];
const SMALL = 'tests/fixtures/small.yaml';

/** Runs `node bin/securebase.js ...args` in the repository root. */
function securebase(...args: string[]): Promise<Run> {
  return securebaseRun(args);
}

/** The same, with `input` piped to the command's standard input. */
function securebaseWithInput(input: string | undefined, ...args: string[]): Promise<Run> {
  return securebaseRun(args, input === undefined ? {} : { input });
}

/** A JavaScript stack frame, as opposed to the `    at beats.x.y` field-path lines problems print. */
const STACK_FRAME = /^\s+at .*(\(.*:\d+:\d+\)|node:internal|\.[cm]?[jt]s:\d+:\d+)/m;

/** Exactly the keys of `value`, sorted. */
const keys = (value: object) => Object.keys(value).sort();

describe('securebase check', () => {
  it('exits 1 on a folder with errors, printing file:line:col for each and still reporting the clean file', async () => {
    const run = await securebase('check', 'tests/fixtures/cli/errors', ...RUBRIC);
    expect(run.status).toBe(1);
    const located = run.stdout.split('\n').filter((line) => /^\S+\.yaml:\d+:\d+ /.test(line));
    expect(located).toEqual([
      'tests/fixtures/cli/errors/broken.yaml:59:15 error SB_ID_UNKNOWN: "repiared" is not a beat or ending in this file',
      'tests/fixtures/cli/errors/broken.yaml:87:17 error SB_MOVE_UNKNOWN: the rubric defines no move "colaborate_goals"',
    ]);
    expect(run.stdout).toContain('hint: Did you mean "repaired"?');
    expect(run.stdout).toContain('hint: Did you mean "collaborate_goals"?');
    expect(run.stdout).toMatch(/^ok {2}tests\/fixtures\/cli\/errors\/fine\.yaml {2}fine: 4 beats, 2 endings/m);
    expect(run.stdout).not.toMatch(/^ok .*broken\.yaml/m);
    expect(run.stdout).toContain('2 scenarios checked against scenarios/rubric.yaml: 2 errors, 0 warnings');
    expect(run.stderr).toBe('');
  });

  it('--json gives ok, errors, warnings and every file\'s problems', async () => {
    const run = await securebase('check', 'tests/fixtures/cli/errors', '--json', ...RUBRIC);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as {
      ok: boolean; errors: number; warnings: number;
      rubrics: { file: string; hash: string; problems: unknown[] }[];
      files: { file: string; id: string | null; hash: string | null; problems: { code: string; line: number; column: number; path: string }[] }[];
    };
    expect(report).toMatchObject({ ok: false, errors: 2, warnings: 0 });
    expect(report.rubrics).toEqual([{ file: 'scenarios/rubric.yaml', hash: shippedRubric().hash, problems: [] }]);
    expect(report.files.map((f) => [f.file, f.id])).toEqual([
      ['tests/fixtures/cli/errors/broken.yaml', null],
      ['tests/fixtures/cli/errors/fine.yaml', 'fine'],
    ]);
    const [broken, fine] = report.files;
    expect(broken!.problems.map((p) => [p.code, p.line, p.column, p.path])).toEqual([
      ['SB_ID_UNKNOWN', 59, 15, 'beats.hurt.responses[0].next'],
      ['SB_MOVE_UNKNOWN', 87, 17, 'beats.repaired.responses[0].moves[0]'],
    ]);
    expect(fine!.problems).toEqual([]);
    expect(fine!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('passes a file with only a warning, and --strict fails it', async () => {
    const [plain, strict] = await Promise.all([
      securebase('check', 'tests/fixtures/cli/warning', ...RUBRIC),
      securebase('check', 'tests/fixtures/cli/warning', '--strict', '--json', ...RUBRIC),
    ]);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('tests/fixtures/cli/warning/warned.yaml:40:19 warning SB_WHEN_DEAD:');
    expect(plain.stdout).toContain('0 errors, 1 warning');
    expect(strict.status).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ ok: false, errors: 0, warnings: 1 });
  });

  it('exits 0 with ok: true on a clean file, even under --strict', async () => {
    const run = await securebase('check', SMALL, '--strict', '--json', ...RUBRIC);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { ok: boolean; errors: number; warnings: number; files: { id: string; hash: string }[] };
    expect(report).toMatchObject({ ok: true, errors: 0, warnings: 0 });
    const { loaded } = loadScenario(readFileSync(join(ROOT, SMALL), 'utf8'), SMALL);
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({ id: 'small', hash: loaded!.hash });
  });

  it('a path that does not exist: SB_FILE_NOT_FOUND on stderr, exit 1, no stack trace', async () => {
    const run = await securebase('check', 'tests/fixtures/no-such-folder', ...RUBRIC);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('securebase: SB_FILE_NOT_FOUND: tests/fixtures/no-such-folder: no such file or folder\n');
    expect(run.stdout).toBe('');
  });
});

describe('usage errors', () => {
  it('an unknown command exits 2 with SB_CLI_USAGE and no stack trace', async () => {
    const run = await securebase('frobnicate');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^securebase: SB_CLI_USAGE: unknown command "frobnicate"\. Commands: check, replay, graph, play, serve, users, demo, backup, schema\.\n$/);
    expect(run.stderr).not.toContain('    at ');
    expect(run.stdout).toBe('');
  });

  it('replay without --choices exits 2 with SB_CLI_USAGE and no stack trace', async () => {
    const run = await securebase('replay', SMALL);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^securebase: SB_CLI_USAGE: .*--choices/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain('    at ');
  });

  it('an unknown graph format exits 2 and names the formats', async () => {
    const run = await securebase('graph', SMALL, '--format', 'svg', ...RUBRIC);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('securebase: SB_CLI_USAGE: unknown --format "svg"; use one of mermaid, dot, json\n');
  });
});

describe('securebase replay', () => {
  it('--json prints exactly the documented shape, byte-identical across runs', async () => {
    const args = ['replay', SMALL, '--choices', 'own-it,stay,close', '--json', ...RUBRIC];
    const [first, second] = await Promise.all([securebase(...args), securebase(...args)]);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);

    const out = JSON.parse(first.stdout) as {
      scenario: string; hash: string; rubric: string; flags: string[]; ending: string | null; outcome: string | null;
      verdict: { passed: boolean; reasons: string[] };
      scores: { trust: number; safety: number; repair: number | null };
      turns: { index: number; beat: string; response: string; moves: string[]; deltas: { trust: number; safety: number };
        trust: number; safety: number; rating: number; best: string }[];
    };
    expect(Object.keys(out)).toEqual(['scenario', 'hash', 'rubric', 'turns', 'scores', 'flags', 'ending', 'outcome', 'verdict']);
    expect(keys(out.scores)).toEqual(['repair', 'safety', 'trust']);
    expect(keys(out.verdict)).toEqual(['passed', 'reasons']);
    for (const turn of out.turns) {
      expect(keys(turn)).toEqual(['beat', 'best', 'deltas', 'index', 'moves', 'rating', 'response', 'safety', 'trust']);
      expect(keys(turn.deltas)).toEqual(['safety', 'trust']);
    }

    const { loaded } = loadScenario(readFileSync(join(ROOT, SMALL), 'utf8'), SMALL);
    expect(out.scenario).toBe('small');
    expect(out.hash).toBe(loaded!.hash);
    expect(out.rubric).toBe(shippedRubric().hash);
    expect(out.turns.map((t) => [t.index, t.beat, t.response])).toEqual([[0, 'opening', 'own-it'], [1, 'hurt', 'stay'], [2, 'repaired', 'close']]);
    expect(out.turns[0]!.moves).toEqual(['res_acknowledge_contribution', 'res_invite_discussion_of_relationship']);
    // Each turn's felt trust and safety are the previous ones plus its deltas, from initial { trust: 40, safety: 45 }.
    let trust = 40;
    let safety = 45;
    for (const turn of out.turns) {
      trust += turn.deltas.trust;
      safety += turn.deltas.safety;
      expect([turn.trust, turn.safety]).toEqual([trust, safety]);
      expect(turn.rating).toBeGreaterThanOrEqual(1);
      expect(turn.rating).toBeLessThanOrEqual(5);
    }
    expect(out.turns.every((t) => t.best === t.response)).toBe(true); // the model answers
    // Trust is the client's at the end; Safety is 100 less the harm done, and no reply here harms.
    expect([out.scores.trust, out.scores.safety]).toEqual([trust, 100]);
    expect(out.scores.repair).toBeGreaterThan(0);
    expect(out.flags).toEqual([]);
    expect(out.ending).toBe('end-repaired');
    expect(out.outcome).toBe('repaired');
    // The verdict is the engine's, under the default thresholds.
    const result = replay(loaded!.scenario, shippedRubric().rubric, ['own-it', 'stay', 'close']);
    expect(out.verdict).toEqual(judgeAttempt(result));
  });

  it('--json gives the outcome null and a verdict that did not pass for a session not finished', async () => {
    const run = await securebase('replay', SMALL, '--choices', 'own-it', '--json', ...RUBRIC);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { ending: string | null; outcome: string | null; verdict: { passed: boolean; reasons: string[] } };
    expect(out.ending).toBeNull();
    expect(out.outcome).toBeNull();
    expect(out.verdict.passed).toBe(false);
    expect(out.verdict.reasons[0]).toBe('The session did not reach an ending.');
  });

  it('a response not offered exits 1 naming the turn and the beat', async () => {
    const run = await securebase('replay', SMALL, '--choices', 'own-it,comply', ...RUBRIC);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('securebase: SB_REPLAY_NOT_OFFERED: tests/fixtures/small.yaml: turn 1, beat "hurt": '
      + 'response "comply" is not offered here (offered: stay, reassure)\n');
    expect(run.stdout).toBe('');
  });

  it('a choice after the session ended exits 1 with SB_REPLAY_AFTER_ENDING', async () => {
    const run = await securebase('replay', SMALL, '--choices', 'own-it,stay,close,again', ...RUBRIC);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^securebase: SB_REPLAY_AFTER_ENDING: .*turn 3: .*"end-repaired"/);
  });

  it('a file with errors is refused with every error located and no stack trace', async () => {
    const run = await securebase('replay', 'tests/fixtures/cli/errors/broken.yaml', '--choices', 'own-it', ...RUBRIC);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^securebase: SB_ID_UNKNOWN: the file has 2 errors:\n/);
    expect(run.stderr).toContain('tests/fixtures/cli/errors/broken.yaml:59:15 error SB_ID_UNKNOWN');
    expect(run.stderr).toContain('tests/fixtures/cli/errors/broken.yaml:87:17 error SB_MOVE_UNKNOWN');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('a folder where a file belongs: SB_FILE_UNREADABLE, exit 1', async () => {
    const run = await securebase('replay', 'tests/fixtures/cli', '--choices', 'own-it', ...RUBRIC);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^securebase: SB_FILE_UNREADABLE: tests\/fixtures\/cli: cannot be read/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('securebase graph', () => {
  it('--format json is an XState machine config: endings final, loads and runs in createMachine', async () => {
    const run = await securebase('graph', SMALL, '--format', 'json', ...RUBRIC);
    expect(run.status).toBe(0);
    const config = JSON.parse(run.stdout) as { id: string; initial: string; states: Record<string, { type?: string }> };
    expect(config.id).toBe('small');
    expect(config.initial).toBe('opening');
    expect(keys(config.states)).toEqual(['end-repaired', 'hurt', 'opening', 'repaired', 'testing', 'unresolved']);
    for (const ending of ['end-repaired', 'unresolved']) expect(config.states[ending]!.type).toBe('final');
    for (const beat of ['opening', 'hurt', 'testing', 'repaired']) expect(config.states[beat]!.type).toBeUndefined();

    const machine = createMachine(config as never);
    expect(machine.id).toBe('small');
    expect(machine.states['unresolved']!.type).toBe('final');
    // With a guard that only matches the response id (ignoring `when`), a path plays to its ending.
    const chooses = ({ event }: { event: { responseId?: string } }, params: { response: string }) => event.responseId === params.response;
    const actor = createActor(machine.provide({ guards: { chooses } as never })).start();
    for (const responseId of ['policy', 'comply']) actor.send({ type: 'RESPOND', responseId } as never);
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().value).toBe('unresolved');
    actor.stop();
  });

  it('--format mermaid starts with flowchart and --format dot with digraph', async () => {
    const [mermaid, dot] = await Promise.all([
      securebase('graph', SMALL, '--format', 'mermaid', ...RUBRIC),
      securebase('graph', SMALL, '--format', 'dot', ...RUBRIC),
    ]);
    expect(mermaid.status).toBe(0);
    expect(mermaid.stdout).toMatch(/^flowchart TD\n/);
    expect(mermaid.stdout).toContain('marker: cf_complaint_about_therapist');
    expect(mermaid.stdout).toContain('own-it');
    expect(dot.status).toBe(0);
    expect(dot.stdout).toMatch(/^digraph "small" \{\n/);
    expect(dot.stdout).toContain('"opening" -> "hurt" [label="own-it"];');
    expect(dot.stdout).toContain('"opening" -> "hurt" [label="explain [trust >= 41]"];');
    expect(dot.stdout.trimEnd().endsWith('}')).toBe(true);
  });
});

describe('securebase schema', () => {
  it('writes the scenario and rubric JSON Schemas into the folder given', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'securebase-schema-'));
    try {
      const run = await securebase('schema', folder);
      expect(run.status).toBe(0);
      expect(readdirSync(folder).sort()).toEqual(['rubric.schema.json', 'scenario.schema.json']);
      const scenario = JSON.parse(readFileSync(join(folder, 'scenario.schema.json'), 'utf8')) as { $schema: string; properties: Record<string, unknown>; required: string[] };
      const rubric = JSON.parse(readFileSync(join(folder, 'rubric.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
      expect(scenario.$schema).toContain('draft-07');
      expect(scenario.required).toEqual(expect.arrayContaining(['format', 'id', 'start', 'beats', 'endings']));
      expect(keys(rubric.properties)).toEqual(['citations', 'moves', 'resolution_bonus', 'turn_cap', 'version']);
      expect(run.stdout.trimEnd().split('\n')).toHaveLength(2);
      expect(run.stdout).toMatch(/^wrote .*scenario\.schema\.json$/m);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

/**
 * Plays `securebase play` as a person would: at each prompt, reads the replies
 * as shown (their order is shuffled per attempt) and types the number of the
 * one `answer` picks by its text; `answer` may also return any other line.
 */
function playByText(answer: (shown: string[]) => string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/securebase.js', 'play', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let read = 0;
    let shown: string[] = [];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const pending = stdout.slice(read);
      if (!/Choose 1-\d+ \(q to stop\): $/.test(pending)) return;
      read = stdout.length;
      // A prompt asked again after a wrong answer shows no replies: the last ones shown still hold.
      const listed = [...pending.matchAll(/^ {2}\d+\. (.*)$/gm)].map((match) => match[1]!);
      if (listed.length) shown = listed;
      try {
        child.stdin.write(`${answer(shown)}\n`);
      } catch (error) {
        child.kill();
        reject(error as Error);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The small fixture's replies by id, as `say` text. */
const SAYS: Record<string, string> = {
  'own-it': "I cancelled on you last week, and I can hear that it stung. I'd like to know what it was like.",
  stay: "So when I cancelled, it felt like proof you'd be dropped again.",
  close: "I'm glad we could talk about it. Same time next week?",
};
/** The number to type for the first of `ids` on offer, counting in the order shown. */
const numberOf = (shown: string[], ...ids: string[]) => {
  const position = ids.map((id) => shown.indexOf(SAYS[id]!)).find((i) => i >= 0);
  if (position === undefined) throw new Error(`none of ${ids.join(', ')} is on offer: ${shown.join(' | ')}`);
  return String(position + 1);
};

describe('securebase play', () => {
  it('shows the replies in the attempt\'s order, takes the number typed as the position shown, and scores as replay does', async () => {
    const played = await playByText((shown) => numberOf(shown, 'own-it', 'stay', 'close'), SMALL, ...RUBRIC);
    expect(played.status).toBe(0);
    expect(played.stderr).toBe('');
    expect(played.stdout).toContain('Maya (hurt; arms folded; looks away; arms folded, half-smile): "So you remembered me this week."');
    // Every reply of the opening beat is shown once, whatever the order.
    const opening = [...played.stdout.split('So you remembered me this week.')[1]!.split('Choose')[0]!.matchAll(/^ {2}\d+\. (.*)$/gm)].map((m) => m[1]);
    expect(opening).toHaveLength(3);
    expect(opening).toContain(SAYS['own-it']);
    expect(played.stdout).toMatch(/-> rating \d\/5, trust \+\d+/);
    expect(played.stdout).toContain('Ending: end-repaired (repaired)');
    const debriefed = played.stdout.split('Debrief')[1]!;
    expect(debriefed).toMatch(/^0 +opening +own-it /m);
    expect(debriefed).toMatch(/^1 +hurt +stay /m);
    expect(debriefed).toMatch(/^2 +repaired +close /m);
    const replayed = await securebase('replay', SMALL, '--choices', 'own-it,stay,close', ...RUBRIC);
    const scoreLine = (text: string) => text.split('\n').find((line) => line.startsWith('Trust '));
    expect(scoreLine(played.stdout)).toBeDefined();
    expect(scoreLine(played.stdout)).toBe(scoreLine(replayed.stdout));
  });

  it('in assessment mode shows no feedback until the debrief, re-asks on a choice out of range, and gives the verdict', async () => {
    let first = true;
    const played = await playByText((shown) => {
      if (first) {
        first = false;
        return '9';
      }
      return numberOf(shown, 'own-it', 'stay', 'close');
    }, SMALL, '--mode', 'assessment', ...RUBRIC);
    expect(played.status).toBe(0);
    expect(played.stdout).not.toContain('-> rating');
    expect(played.stdout).toContain('Type a number from 1 to 3.');
    expect(played.stdout).toContain('Ending: end-repaired (repaired)');
    const { loaded } = loadScenario(readFileSync(join(ROOT, SMALL), 'utf8'), SMALL, shippedRubric().rubric);
    const verdict = judgeAttempt(replay(loaded!.scenario, shippedRubric().rubric, ['own-it', 'stay', 'close']));
    expect(played.stdout).toContain('Assessment (thresholds: Trust 60, Safety 70, Repair 60 where a rupture occurred; ending in dropout fails): '
      + (verdict.passed ? 'PASSED' : 'NOT PASSED'));
    for (const reason of verdict.reasons) expect(played.stdout).toContain(`  - ${reason}`);
  });

  it('q stops the session and shows the debrief so far', async () => {
    const played = await securebaseWithInput('q\n', 'play', SMALL, ...RUBRIC);
    expect(played.status).toBe(0);
    expect(played.stdout).toContain('Session stopped before the end.');
    expect(played.stdout).toContain('Not finished: beat "opening" offers own-it, explain, policy');
  });
});

describe('securebase check across folders', () => {
  it('counts a file named twice once, and refuses a folder with no scenarios', async () => {
    const twice = await securebase('check', SMALL, SMALL, ...RUBRIC);
    expect(twice.status).toBe(0);
    expect(twice.stdout).toContain('1 scenario checked');
    const empty = mkdtempSync(join(tmpdir(), 'securebase-empty-'));
    try {
      const run = await securebase('check', empty);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/SB_FILE_NOT_FOUND: .*no scenario files/);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('scores each scenario by the rubric beside it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'securebase-libs-'));
    try {
      const shipped = readFileSync(join(ROOT, 'scenarios', 'rubric.yaml'), 'utf8');
      const extended = shipped.replace('moves:\n', 'moves:\n  hold_silence:\n    label: Holds a silence\n    description: Lets a pause be.\n    kind: facilitative\n    cites: [anderson_2009]\n    trust: 1\n    safety: 1\n    quality: 1\n\n');
      const small = readFileSync(join(ROOT, SMALL), 'utf8');
      for (const [folder, rubric, scenario] of [['plain', shipped, small], ['extended', extended, small.replace('moves: [collaborate_goals]', 'moves: [hold_silence]').replace('id: small', 'id: small-two')]] as const) {
        mkdirSync(join(root, folder));
        writeFileSync(join(root, folder, 'rubric.yaml'), rubric);
        writeFileSync(join(root, folder, folder === 'plain' ? 'small.yaml' : 'small-two.yaml'), scenario);
      }
      const run = await securebase('check', join(root, 'plain'), join(root, 'extended'), '--json');
      const report = JSON.parse(run.stdout) as { ok: boolean; rubrics: { file: string }[]; files: { rubric: string; problems: unknown[] }[] };
      expect(report.rubrics).toHaveLength(2);
      expect(report.files.map((f) => f.problems)).toEqual([[], []]);
      expect(report.ok).toBe(true);
    } finally {
      rmSync(root, { recursive: true });
    }
  });
});
