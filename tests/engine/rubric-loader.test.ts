/**
 * The rubric loader: the shipped rubric loads clean with a stable content hash,
 * and a rubric that breaks the format's rules is refused with the right code,
 * line and words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CODES, loadRubric } from '../../src/engine/index.js';
import type { Code, Problem } from '../../src/engine/index.js';
import { LIBRARY } from '../support/library.js';
import { edited, where } from '../support/textEdits.js';

const FILE = 'scenarios/rubric.yaml';
const SHIPPED = readFileSync(join(LIBRARY, 'rubric.yaml'), 'utf8');

const variant = (...edits: readonly (readonly [string, string])[]): string => edited(SHIPPED, edits);

function theOnly(problems: readonly Problem[], code: Code): Problem {
  expect(problems.map((p) => p.code), JSON.stringify(problems, null, 2)).toEqual([code]);
  const problem = problems[0]!;
  expect(problem.severity).toBe(CODES[code].severity);
  expect(problem.file).toBe(FILE);
  return problem;
}

const load = (text: string) => loadRubric(text, FILE);

/** The text of one move's block, from its key to the blank line after it. */
function moveBlock(id: string): string {
  const start = SHIPPED.indexOf(`\n  ${id}:\n`) + 1;
  const end = SHIPPED.indexOf('\n\n', start) + 2;
  expect(start).toBeGreaterThan(0);
  return SHIPPED.slice(start, end);
}

describe('the shipped rubric', () => {
  it('loads with no problems and a 64-hex content hash', () => {
    const { loaded, problems } = load(SHIPPED);
    expect(problems).toEqual([]);
    expect(loaded?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded?.rubric.moves.ask_suicide_directly?.kind).toBe('safety');
  });

  it('has a hash that ignores comments, formatting and key order, but not content', () => {
    const hash = load(SHIPPED).loaded!.hash;
    const withComment = `# a new comment at the top\n${SHIPPED.replace('version: 1', 'version:    1   # trailing comment')}`;
    expect(load(withComment).loaded?.hash).toBe(hash);

    // Re-serialised by another writer: no comments, other quoting and layout, keys in reverse order.
    const reversed = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reversed)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]))
          : value;
    const rewritten = stringify(reversed(parse(SHIPPED)), { indent: 4, defaultStringType: 'QUOTE_DOUBLE', collectionStyle: 'flow' });
    expect(rewritten).not.toContain('#');
    expect(rewritten).not.toBe(SHIPPED);
    const reloaded = load(rewritten);
    expect(reloaded.problems).toEqual([]);
    expect(reloaded.loaded?.hash).toBe(hash);

    const changed = load(variant(['resolution_bonus: 6 ', 'resolution_bonus: 5 ']));
    expect(changed.problems).toEqual([]);
    expect(changed.loaded?.hash).not.toBe(hash);
  });
});

describe('a rubric that breaks the format\'s rules', () => {
  it('SB_RUBRIC_MOVE_MISSING: a format move left out is named, with its kind, at `moves:`', () => {
    const text = variant([moveBlock('grounding'), '']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    const problem = theOnly(problems, 'SB_RUBRIC_MOVE_MISSING');
    expect(problem).toMatchObject({ ...where(text, '\nmoves:\n', 'moves'), path: 'moves' });
    expect(problem.message).toBe('the rubric does not define "grounding"');
    expect(problem.hint).toBe('Every move the format names must be scored. Add "grounding" (kind facilitative).');
  });

  it('SB_RUBRIC_KIND_MISMATCH: a 3RS strategy given a non-repair kind', () => {
    const text = variant(['    description: Corrects a misunderstanding about what the therapist meant or did.\n    kind: repair_immediate',
      '    description: Corrects a misunderstanding about what the therapist meant or did.\n    kind: facilitative']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    const problem = theOnly(problems, 'SB_RUBRIC_KIND_MISMATCH');
    expect(problem).toMatchObject({ ...where(text, 'meant or did.\n    kind: facilitative', 'facilitative'), path: 'moves.res_clarify_misunderstanding.kind' });
    expect(problem.message).toBe('"res_clarify_misunderstanding" must be of kind repair_immediate, not facilitative');
    expect(problem.hint).toContain('repair_immediate or repair_expressive');
  });

  it('SB_FIELD_VALUE: a kind that is not a kind at all gets the nearest one', () => {
    const text = variant(['    description: Corrects a misunderstanding about what the therapist meant or did.\n    kind: repair_immediate',
      '    description: Corrects a misunderstanding about what the therapist meant or did.\n    kind: repair_immediat']);
    const problem = theOnly(load(text).problems, 'SB_FIELD_VALUE');
    expect(problem).toMatchObject({ ...where(text, 'repair_immediat\n'), path: 'moves.res_clarify_misunderstanding.kind' });
    expect(problem.hint).toMatch(/^Did you mean "repair_immediate"\?/);
  });

  it('SB_RUBRIC_CITATION_UNKNOWN: a citation key not under `citations`, with the nearest key', () => {
    const text = variant(['cites: [gould_2005, dazzi_2014, posner_2011]', 'cites: [gould_2005, dazzi_2015, posner_2011]']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    const problem = theOnly(problems, 'SB_RUBRIC_CITATION_UNKNOWN');
    expect(problem).toMatchObject({ ...where(text, 'dazzi_2015'), path: 'moves.ask_suicide_directly.cites[1]' });
    expect(problem.message).toBe('"dazzi_2015" is not a key under citations');
    expect(problem.hint).toMatch(/^Did you mean "dazzi_2014"\?/);
  });

  it('SB_RUBRIC_RISK_QUESTION_PENALISED: a modifier that can make asking about suicide cost trust', () => {
    const modifier = '      - when: { risk_open: true }\n        safety: 3\n        quality: 3\n\n  assess_plan_intent:';
    // Base trust is 1; a -2 modifier makes the worst case -1.
    const text = variant([modifier, modifier.replace('quality: 3\n', 'quality: 3\n      - when: { attachment: dismissing_avoidant }\n        trust: -2\n')]);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    const problem = theOnly(problems, 'SB_RUBRIC_RISK_QUESTION_PENALISED');
    expect(problem).toMatchObject({ ...where(text, '  ask_suicide_directly:', 'ask_suicide_directly'), path: 'moves.ask_suicide_directly' });
    expect(problem.message).toBe('"ask_suicide_directly" can lower trust (to -1) when its modifiers combine');
    expect(problem.hint).toContain('never lowers trust');

    // A modifier that only cancels the base trust (worst case 0) is allowed.
    const even = variant([modifier, modifier.replace('quality: 3\n', 'quality: 3\n      - when: { attachment: dismissing_avoidant }\n        trust: -1\n')]);
    expect(load(even).problems).toEqual([]);
  });

  it('SB_RUBRIC_RISK_QUESTION_PENALISED: a negative base trust is refused as well', () => {
    const block = moveBlock('ask_suicide_directly');
    const text = variant([block, block.replace('    trust: 1\n', '    trust: -1\n')]);
    const problem = theOnly(load(text).problems, 'SB_RUBRIC_RISK_QUESTION_PENALISED');
    expect(problem).toMatchObject({ ...where(text, '  ask_suicide_directly:', 'ask_suicide_directly'), path: 'moves.ask_suicide_directly' });
    expect(problem.message).toContain('(to -1)');
  });

  it('SB_RUBRIC_PENALTY_MISSING: a move that harms a rupture must cost the episode repair', () => {
    const block = moveBlock('push_for_feelings');
    expect(block).toMatch(/repair_penalty: [1-9]/);
    const text = variant([block, block.replace(/repair_penalty: \d+/, 'repair_penalty: 0')]);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    const problem = theOnly(problems, 'SB_RUBRIC_PENALTY_MISSING');
    expect(problem).toMatchObject({ ...where(text, '  push_for_feelings:', 'push_for_feelings'), path: 'moves.push_for_feelings' });
    expect(problem.message).toBe('"push_for_feelings" has no positive repair_penalty');
    expect(problem.hint).toContain('repair_penalty: 5 or more');

    // Leaving the field out is the same as 0.
    const omitted = variant([block, block.replace(/ *repair_penalty: \d+\n/, '')]);
    expect(theOnly(load(omitted).problems, 'SB_RUBRIC_PENALTY_MISSING').message).toContain('push_for_feelings');
  });

  it('reports every rule broken at once, in line order', () => {
    const text = variant(
      ['    description: Corrects a misunderstanding about what the therapist meant or did.\n    kind: repair_immediate',
        '    description: Corrects a misunderstanding about what the therapist meant or did.\n    kind: facilitative'],
      [moveBlock('grounding'), ''],
      ['cites: [gould_2005, dazzi_2014, posner_2011]', 'cites: [gould_2005, dazzi_2015, posner_2011]'],
    );
    expect(load(text).problems.map((p) => [p.code, p.line])).toEqual([
      ['SB_RUBRIC_MOVE_MISSING', where(text, '\nmoves:\n', 'moves').line],
      ['SB_RUBRIC_KIND_MISMATCH', where(text, 'meant or did.\n    kind: facilitative', 'facilitative').line],
      ['SB_RUBRIC_CITATION_UNKNOWN', where(text, 'dazzi_2015').line],
    ]);
  });

  it('SB_FIELD_RANGE: a move delta beyond ±30 is a shape error, located', () => {
    const block = moveBlock('ask_suicide_directly');
    const text = variant([block, block.replace('    safety: 4\n', '    safety: 40\n')]);
    const problem = theOnly(load(text).problems, 'SB_FIELD_RANGE');
    expect(problem).toMatchObject({ ...where(text, 'safety: 40', '40'), path: 'moves.ask_suicide_directly.safety' });
    expect(problem.message).toBe('"safety" must be at most 30, not 40');
  });

  it.each([
    ['an empty file', ''],
    ['a YAML list', '- version: 1\n'],
    ['a scenario instead of a rubric', readFileSync(join(import.meta.dirname, '..', 'fixtures', 'small.yaml'), 'utf8')],
    ['a syntax error', 'version: [1\n'],
  ])('never throws on %s, and refuses it with located errors', (_name, text) => {
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.severity).toBe(CODES[problem.code].severity);
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.column).toBeGreaterThanOrEqual(1);
    }
  });
});
