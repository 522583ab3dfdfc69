/**
 * Files that are valid YAML but odd, or names that every program object
 * already has: each gets a located problem or loads as written, never a crash
 * and never a silent misreading.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, isError, loadScenario, replay } from '../../src/engine/index.js';
import type { Problem } from '../../src/engine/index.js';
import { buildScenario } from '../support/build.js';
import { shippedRubric } from '../support/library.js';
import { edited, where } from '../support/textEdits.js';

const FILE = 'tests/fixtures/small.yaml';
const BASE = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'small.yaml'), 'utf8');
const { rubric } = shippedRubric();
const variant = (...edits: readonly (readonly [string, string])[]) => edited(BASE, edits);
const errors = (problems: readonly Problem[]) => problems.filter(isError).map((p) => [p.code, p.line, p.column, p.path]);

describe('reserved names', () => {
  it('"constructor" as a beat id is refused where it is written', () => {
    const text = variant(['  hurt:\n', '  constructor:\n']).replaceAll('next: hurt\n', 'next: constructor\n');
    const { loaded, problems } = loadScenario(text, FILE, rubric);
    expect(loaded).toBeUndefined();
    const at = where(text, '  constructor:\n', 'constructor');
    expect(errors(problems)).toContainEqual(['SB_FIELD_FORMAT', at.line, at.column, 'beats.constructor']);
  });

  it('"constructor" as a move, a start or a target is simply unknown, not a built-in', () => {
    const asMove = loadScenario(variant(['moves: [defend_self]', 'moves: [constructor]']), FILE, rubric);
    expect(asMove.problems.map((p) => p.code)).toEqual(['SB_MOVE_UNKNOWN']);
    const asStart = loadScenario(variant(['start: opening', 'start: constructor']), FILE, rubric);
    expect(asStart.problems.map((p) => p.code)).toEqual(['SB_ID_UNKNOWN']);
  });

  it('a "__proto__" key is refused, not silently dropped', () => {
    const text = variant(['        set: { defended: true }', '        set: { __proto__: true }']);
    const { loaded, problems } = loadScenario(text, FILE, rubric);
    expect(loaded).toBeUndefined();
    expect(problems.map((p) => [p.code, p.path])).toEqual([['SB_FIELD_FORMAT', 'beats.opening.responses[2].set.__proto__']]);
  });
});

describe('odd but valid files', () => {
  it('a byte-order mark does not shift columns', () => {
    const text = `\uFEFF${variant(['format: 1', 'format: 2'])}`;
    const [problem] = loadScenario(text, FILE, rubric).problems;
    const at = where(text.slice(1), 'format: 2', '2');
    expect(problem).toMatchObject({ code: 'SB_FIELD_VALUE', line: at.line, column: at.column });
  });

  it('old Mac line endings (carriage returns alone) are read as lines, and problems are located on them', () => {
    const broken = variant(['        next: end-repaired\n', '        next: end-repairedd\n'], ['moves: [defend_self]', 'moves: [defend_selff]']);
    const { problems } = loadScenario(broken.replace(/\n/g, '\r'), FILE, rubric);
    const next = where(broken, '        next: end-repairedd\n', 'end-repairedd');
    const move = where(broken, 'moves: [defend_selff]', 'defend_selff');
    expect(errors(problems)).toEqual([
      ['SB_MOVE_UNKNOWN', move.line, move.column, 'beats.opening.responses[2].moves[0]'],
      ['SB_ID_UNKNOWN', next.line, next.column, 'beats.repaired.responses[0].next'],
    ]);
  });

  it('Windows line endings load with the same hash as Unix ones', () => {
    const unix = loadScenario(BASE, FILE, rubric).loaded!;
    const windows = loadScenario(BASE.replace(/\n/g, '\r\n'), FILE, rubric).loaded!;
    expect(windows.hash).toBe(unix.hash);
  });

  it('anchors and aliases are read like any YAML, and an alias bomb is refused', () => {
    const text = variant(['    cue: { affect: tearful, posture: leaning_in, gaze: down }', '    cue: &sad { affect: tearful, posture: leaning_in, gaze: down }'],
      ['    cue: { affect: flat, posture: turned_away, gaze: averted }', '    cue: *sad']);
    const { loaded } = loadScenario(text, FILE, rubric);
    expect(loaded!.scenario.beats.testing!.cue).toEqual({ affect: 'tearful', posture: 'leaning_in', gaze: 'down' });
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    expect(loadScenario(bomb, FILE, rubric).problems.map((p) => p.code)).toEqual(['SB_YAML_SYNTAX']);
  });

  it('nesting too deep to read is a located syntax problem, not a crash', () => {
    const deep = `${variant()}\ntags: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    const { problems } = checkScenario(deep, FILE, rubric);
    expect(problems.map((p) => p.code)).toContain('SB_YAML_SYNTAX');
    expect(problems.find((p) => p.code === 'SB_YAML_SYNTAX')!.message).toMatch(/nested too deeply|duplicated|tags/);
  });

  it('two documents in one file are named as such', () => {
    const { problems } = loadScenario(`${BASE}\n---\nformat: 1\n`, FILE, rubric);
    expect(problems[0]!.message).toBe('the file holds more than one YAML document (a line with "---" starts another)');
  });
});

describe('the best response on offer', () => {
  it('breaks rating ties by the change a response would actually make, after clamping', () => {
    const scenario = buildScenario({ trust: 100, beats: { one: { responses: [
      { id: 'a', say: 'a', moves: ['validate'], effects: { trust: 10 }, next: 'done' },
      { id: 'b', say: 'b', moves: ['reflect_feeling'], effects: { safety: 5 }, next: 'done' },
    ] } } });
    expect(replay(scenario, rubric, ['b']).turns[0]!.best).toBe('b');
  });
});
