/**
 * The scenario loader and checker, one test per kind of problem: every error and
 * warning an author can get for a scenario file, with the code, the severity,
 * the line and column, the field path, and words a clinician can act on.
 *
 * Each test edits the clean fixture tests/fixtures/small.yaml (the format page's
 * example with id `small` and `gte: 41`, so it checks clean) and looks at what
 * the engine says. Positions are found from the edited text itself: `where(text,
 * anchor, target)` is the line and column of `target` inside the unique `anchor`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES, checkScenario, duplicateIdProblems, formatProblem, loadScenario } from '../../src/engine/index.js';
import type { Code, Problem } from '../../src/engine/index.js';
import { shippedRubric } from '../support/library.js';
import { edited, where } from '../support/textEdits.js';

const FILE = 'tests/fixtures/small.yaml';
const BASE = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'small.yaml'), 'utf8');
const { rubric } = shippedRubric();

const variant = (...edits: readonly (readonly [string, string])[]): string => edited(BASE, edits);

const codes = (problems: readonly Problem[]) => problems.map((p) => p.code);

/** The one problem with `code`; checks its severity against the catalogue and its file name. */
function theOne(problems: readonly Problem[], code: Code): Problem {
  const found = problems.filter((p) => p.code === code);
  expect(found, `expected one ${code} in ${JSON.stringify(problems, null, 2)}`).toHaveLength(1);
  const problem = found[0]!;
  expect(problem.severity).toBe(CODES[code].severity);
  expect(problem.file).toBe(FILE);
  return problem;
}

const load = (text: string) => loadScenario(text, FILE, rubric);
const check = (text: string) => checkScenario(text, FILE, rubric);

/** A beat with two plain responses, for edits that add beats. */
const plainBeat = (id: string, extra: string, to: [string, string]) =>
  `  ${id}:\n    client: "..."\n${extra}    responses:\n`
  + `      - { id: first, say: "One.", moves: [validate], next: ${to[0]} }\n`
  + `      - { id: second, say: "Two.", moves: [summarize], next: ${to[1]} }\n\n`;

describe('the fixture', () => {
  it('loads and checks with no problems at all under the shipped rubric', () => {
    const result = check(BASE);
    expect(result.problems).toEqual([]);
    expect(result.loaded?.scenario.id).toBe('small');
    expect(result.loaded?.hash).toMatch(/^[0-9a-f]{64}$/);
    // The helper counts lines as the engine does: the first branch's `when` is on line 39.
    expect(where(BASE, '- when: { trust: { gte: 41 } }', 'when')).toEqual({ line: 39, column: 13 });
  });

  it('warns about the format page\'s own `gte: 45` branch, which the shipped rubric makes dead', () => {
    const text = variant(['gte: 41', 'gte: 45']);
    const result = check(text);
    expect(codes(result.problems)).toEqual(['SB_WHEN_DEAD']);
    expect(result.loaded).toBeDefined(); // a warning never stops a file from loading
  });
});

describe('reading the YAML', () => {
  it('SB_YAML_SYNTAX: an unclosed quote is located on its line, with a hint about quotes', () => {
    const text = variant(['title: "Maya: after the cancelled session"', 'title: "Maya: after the cancelled session']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    const problem = theOne(problems, 'SB_YAML_SYNTAX');
    expect(problem.line).toBe(3);
    expect(problem.path).toBe('');
    expect(problem.message).toMatch(/quote/i);
    expect(problem.hint).toMatch(/closing quotes/);
  });

  it('SB_YAML_SYNTAX: a tab used as indentation is named as such', () => {
    const text = variant(['minutes: 10\n', 'minutes: 10\n\tlang: en\n']);
    const problem = theOne(load(text).problems, 'SB_YAML_SYNTAX');
    expect(problem).toMatchObject({ line: 9, column: 1 });
    expect(problem.message).toMatch(/tab/i);
    expect(problem.hint).toMatch(/spaces, not tabs/);
  });

  it('SB_YAML_DUPLICATE_KEY: the second occurrence of a key is pointed at', () => {
    const text = variant(['minutes: 10\n', 'minutes: 10\nminutes: 12\n']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_YAML_DUPLICATE_KEY']);
    const problem = theOne(problems, 'SB_YAML_DUPLICATE_KEY');
    expect(problem).toMatchObject(where(text, 'minutes: 12'));
    expect(problem.message).toMatch(/twice/);
    expect(problem.hint).toMatch(/Rename one of them or merge/);
  });

  it('SB_YAML_DUPLICATE_KEY: a beat written twice is caught, not silently merged', () => {
    const text = variant(['  repaired:\n', `${plainBeat('hurt', '', ['unresolved', 'end-repaired'])}  repaired:\n`]);
    const problem = theOne(load(text).problems, 'SB_YAML_DUPLICATE_KEY');
    expect(problem.line).toBe(78); // the second `hurt:`, inserted before `repaired:` (line 78 of the fixture)
    expect(problem.column).toBe(3);
  });
});

describe('the shape of fields', () => {
  it('SB_FIELD_REQUIRED: a missing top-level field is named, with what to add', () => {
    const text = variant(["briefing: >\n  You had to cancel last week's session with a few hours' notice.\n", '']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_FIELD_REQUIRED']);
    const problem = theOne(problems, 'SB_FIELD_REQUIRED');
    expect(problem).toMatchObject({ line: 1, column: 1, path: '' });
    expect(problem.message).toBe('required field "briefing" is missing');
    expect(problem.hint).toBe('Add "briefing" (text) here.');
  });

  it('SB_FIELD_REQUIRED: a beat without `client` is located at the beat\'s key', () => {
    const text = variant(['    client: "Whatever. Let\'s just do the breathing thing."\n', '']);
    const problem = theOne(load(text).problems, 'SB_FIELD_REQUIRED');
    expect(problem).toMatchObject({ ...where(text, '  testing:\n', 'testing'), path: 'beats.testing' });
    expect(problem.message).toContain('"client"');
  });

  it('SB_FIELD_UNKNOWN: a misspelt top-level field gets "did you mean" and the allowed fields', () => {
    const text = variant(['minutes: 10\n', 'minutes: 10\nsumary: Short.\n']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_FIELD_UNKNOWN']);
    const problem = theOne(problems, 'SB_FIELD_UNKNOWN');
    expect(problem).toMatchObject({ ...where(text, 'sumary: Short.', 'sumary'), path: 'sumary' });
    expect(problem.message).toBe('unknown field "sumary"');
    expect(problem.hint).toContain('Did you mean "summary"?');
    for (const field of ['format', 'id', 'title', 'summary', 'client', 'briefing', 'objectives', 'initial', 'start', 'beats', 'endings']) {
      expect(problem.hint).toContain(field);
    }
  });

  it('SB_FIELD_UNKNOWN: inside a response, the hint lists the response\'s fields, not the top level\'s', () => {
    const text = variant(['        feedback: Owning', '        feedbak: Owning']);
    const problem = theOne(load(text).problems, 'SB_FIELD_UNKNOWN');
    expect(problem).toMatchObject({ ...where(text, 'feedbak'), path: 'beats.opening.responses[0].feedbak' });
    expect(problem.hint).toBe('Did you mean "feedback"? Allowed fields here: id, say, moves, effects, set, feedback, next.');
  });

  it('SB_FIELD_UNKNOWN: a typo inside a `when` range is caught through the union of `next` forms', () => {
    const text = variant(['gte: 41', 'gtee: 41']);
    const problem = theOne(load(text).problems, 'SB_FIELD_UNKNOWN');
    expect(problem).toMatchObject({ ...where(text, 'gtee'), path: 'beats.opening.responses[1].next[0].when.trust.gtee' });
    expect(problem.hint).toBe('Did you mean "gte"? Allowed fields here: gte, lte, gt, lt.');
  });

  it('SB_FIELD_TYPE: text where a number belongs says what was found and what is wanted', () => {
    const text = variant(['  age: 29', '  age: twenty-nine']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_FIELD_TYPE']);
    const problem = theOne(problems, 'SB_FIELD_TYPE');
    expect(problem).toMatchObject({ ...where(text, 'twenty-nine'), path: 'client.age' });
    expect(problem.message).toBe('"age" should be a number, not the text "twenty-nine"');
  });

  it('SB_FIELD_TYPE: a fraction where a whole number belongs, and a non-boolean `resolves`', () => {
    const text = variant(['minutes: 10', 'minutes: 10.5'], ['resolves: true', 'resolves: yes please']);
    const problems = load(text).problems;
    expect(codes(problems)).toEqual(['SB_FIELD_TYPE', 'SB_FIELD_TYPE']);
    expect(problems[0]).toMatchObject({ ...where(text, '10.5'), path: 'minutes' });
    expect(problems[0]!.message).toContain('whole number');
    expect(problems[1]).toMatchObject({ ...where(text, 'yes please'), path: 'beats.repaired.resolves' });
    expect(problems[1]!.message).toContain('true or false');
  });

  it('SB_FIELD_TYPE: a `next` that is neither an id nor a list of branches shows both forms in the hint', () => {
    const text = variant(['        next: repaired', '        next: 5']);
    const problem = theOne(load(text).problems, 'SB_FIELD_TYPE');
    expect(problem).toMatchObject({ ...where(text, 'next: 5', '5'), path: 'beats.hurt.responses[0].next' });
    expect(problem.message).toContain('wrong shape');
    expect(problem.hint).toContain('when:');
    expect(problem.hint).toContain('to:');
  });

  it('SB_FIELD_VALUE: a misspelt attachment style gets the nearest allowed value', () => {
    const text = variant(['  attachment: anxious_preoccupied', '  attachment: anxious_preocupied']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_FIELD_VALUE']);
    const problem = theOne(problems, 'SB_FIELD_VALUE');
    expect(problem).toMatchObject({ ...where(text, 'anxious_preocupied'), path: 'client.attachment' });
    expect(problem.message).toContain('"anxious_preocupied"');
    expect(problem.hint).toBe('Did you mean "anxious_preoccupied"? Allowed: secure, anxious_preoccupied, dismissing_avoidant, fearful_disorganized.');
  });

  it('SB_FIELD_VALUE: cue, outcome and episode vocabularies suggest the nearest word', () => {
    const text = variant(['affect: flat', 'affect: flatt'], ['outcome: repaired', 'outcome: repair'],
      ['          - when: { trust: { gte: 41 } }', '          - when: { episode: opened }']);
    const problems = load(text).problems;
    expect(codes(problems)).toEqual(['SB_FIELD_VALUE', 'SB_FIELD_VALUE', 'SB_FIELD_VALUE']);
    expect(problems[0]).toMatchObject({ ...where(text, 'opened'), path: 'beats.opening.responses[1].next[0].when.episode' });
    expect(problems[0]!.hint).toMatch(/^Did you mean "open"\?/);
    expect(problems[1]).toMatchObject({ ...where(text, 'flatt'), path: 'beats.testing.cue.affect' });
    expect(problems[1]!.hint).toMatch(/^Did you mean "flat"\?/);
    expect(problems[2]).toMatchObject({ ...where(text, 'outcome: repair\n', 'repair'), path: 'endings.end-repaired.outcome' });
    expect(problems[2]!.hint).toMatch(/^Did you mean "repaired"\?/);
  });

  it('SB_FIELD_VALUE: `format` must be the integer 1', () => {
    const text = variant(['format: 1', 'format: 2']);
    const problem = theOne(load(text).problems, 'SB_FIELD_VALUE');
    expect(problem).toMatchObject({ line: 1, column: 9, path: 'format' });
    expect(problem.message).toBe('"format" must be 1, not number 2');
  });

  it('SB_FIELD_RANGE: an empty map of endings is refused', () => {
    const endings = BASE.slice(BASE.indexOf('endings:\n'));
    // The `next`s that named the endings now fail too; the endings problem is one of them.
    const text = variant([endings, 'endings: {}\n']);
    const problem = theOne(load(text).problems, 'SB_FIELD_RANGE');
    expect(problem).toMatchObject({ ...where(text, 'endings: {}', '{}'), path: 'endings' });
    expect(problem.message).toBe('"endings" needs at least one ending');
  });

  it('SB_FIELD_FORMAT: an id that is not kebab-case says what kebab-case is', () => {
    const text = variant(['id: own-it', 'id: Own_It']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_FIELD_FORMAT']);
    const problem = theOne(problems, 'SB_FIELD_FORMAT');
    expect(problem).toMatchObject({ ...where(text, 'Own_It'), path: 'beats.opening.responses[0].id' });
    expect(problem.message).toContain('"Own_It"');
    expect(problem.message).toContain('kebab-case');
    expect(problem.message).toContain('"first-beat"');
  });

  it('SB_FIELD_FORMAT: a beat key and a flag name are checked where they are written (the key)', () => {
    const text = variant(['set: { defended: true }', 'set: { Defended: true }'], ['  repaired:\n', '  Repaired_Beat:\n'],
      ['        next: repaired', '        next: Repaired_Beat']);
    const problems = load(text).problems;
    // The `next` naming the renamed beat is badly formed too.
    expect(codes(problems)).toEqual(['SB_FIELD_FORMAT', 'SB_FIELD_FORMAT', 'SB_FIELD_FORMAT']);
    expect(problems[0]).toMatchObject({ ...where(text, 'Defended'), path: 'beats.opening.responses[2].set.Defended' });
    expect(problems[0]!.message).toContain('snake_case');
    expect(problems[1]).toMatchObject({ ...where(text, 'next: Repaired_Beat', 'Repaired_Beat'), path: 'beats.hurt.responses[0].next' });
    expect(problems[2]).toMatchObject({ ...where(text, '  Repaired_Beat:', 'Repaired_Beat'), path: 'beats.Repaired_Beat' });
    expect(problems[2]!.message).toBe('key "Repaired_Beat" must be kebab-case: lower-case letters and digits, words joined by single hyphens (e.g. "first-beat")');
  });

  it('SB_FIELD_FORMAT: a language tag that is not BCP 47', () => {
    const text = variant(['minutes: 10\n', 'minutes: 10\nlang: english!\n']);
    const problem = theOne(load(text).problems, 'SB_FIELD_FORMAT');
    expect(problem).toMatchObject({ ...where(text, 'english!'), path: 'lang' });
    expect(problem.message).toContain('"pt-BR"');
  });

  it('SB_FIELD_RANGE: trust 140 and an effect of 30 name the limit and the value', () => {
    const text = variant(['initial: { trust: 40', 'initial: { trust: 140'], ['effects: { trust: -5 }', 'effects: { trust: 30 }']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_FIELD_RANGE', 'SB_FIELD_RANGE']);
    expect(problems[0]).toMatchObject({ line: 21, column: 19, path: 'initial.trust' });
    expect(problems[0]!.message).toBe('"trust" must be at most 100, not 140');
    expect(problems[1]).toMatchObject({ ...where(text, 'effects: { trust: 30 }', '30'), path: 'beats.opening.responses[2].effects.trust' });
    expect(problems[1]!.message).toBe('"trust" must be at most 20, not 30');
  });

  it('SB_FIELD_RANGE: a stage of 7, one response in a beat, no objectives, an empty title', () => {
    const comply = '      - id: comply\n        say: "Sure, let\'s start the breathing exercise."\n        moves: [ignore_marker]\n        next: unresolved\n';
    const objectives = 'objectives:\n  - Notice a confrontation marker aimed at you\n  - Respond without defending yourself, and own your part';
    const text = variant(['stage: 3', 'stage: 7'], [comply, ''], [objectives, 'objectives: []'], ['title: "Maya: after the cancelled session"', 'title: ""']);
    const problems = load(text).problems.filter((p) => p.code === 'SB_FIELD_RANGE');
    expect(problems.map((p) => [p.path, p.line, p.message])).toEqual([
      ['title', 3, '"title" must not be empty'],
      ['objectives', 18, '"objectives" needs at least 1 item'],
      ['beats.hurt.stage', where(text, 'stage: 7').line, '"stage" must be at most 5, not 7'],
      ['beats.testing.responses', where(text, '- id: name-it').line, '"responses" needs at least 2 items'],
    ]);
  });
});

describe('ids and references', () => {
  it('SB_ID_UNKNOWN: a `next` to a misspelt beat suggests the beat and lists the ids', () => {
    const text = variant(['        next: repaired', '        next: repiared']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_ID_UNKNOWN']);
    const problem = theOne(problems, 'SB_ID_UNKNOWN');
    expect(problem).toMatchObject({ line: 58, column: 15, path: 'beats.hurt.responses[0].next' });
    expect(problem.message).toBe('"repiared" is not a beat or ending in this file');
    expect(problem.hint).toBe('Did you mean "repaired"? Known ids: opening, hurt, testing, repaired, end-repaired, unresolved.');
  });

  it('SB_ID_UNKNOWN: a branch `to` is checked as well as a plain `next`', () => {
    const text = variant(['            to: hurt', '            to: hurtt']);
    const problem = theOne(load(text).problems, 'SB_ID_UNKNOWN');
    expect(problem).toMatchObject({ ...where(text, 'hurtt'), path: 'beats.opening.responses[1].next[0].to' });
    expect(problem.hint).toMatch(/^Did you mean "hurt"\?/);
  });

  it('SB_ID_UNKNOWN: an unknown start suggests the nearest beat', () => {
    const text = variant(['start: opening', 'start: openin']);
    const problem = theOne(load(text).problems, 'SB_ID_UNKNOWN');
    expect(problem).toMatchObject({ line: 22, column: 8, path: 'start' });
    expect(problem.message).toContain('"openin"');
    expect(problem.hint).toBe('Did you mean "opening"? Beats: opening, hurt, testing, repaired.');
  });

  it('SB_START_NOT_BEAT: starting on an ending', () => {
    const text = variant(['start: opening', 'start: unresolved']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_START_NOT_BEAT']);
    const problem = theOne(problems, 'SB_START_NOT_BEAT');
    expect(problem).toMatchObject({ line: 22, column: 8, path: 'start' });
    expect(problem.message).toBe('start "unresolved" is an ending, not a beat');
    expect(problem.hint).toContain('beat the trainee can respond to');
  });

  it('SB_ID_COLLISION: an ending with a beat\'s id is pointed at under endings', () => {
    const text = `${BASE}  hurt:\n    client: "Bye."\n    outcome: held\n`;
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_ID_COLLISION']);
    const problem = theOne(problems, 'SB_ID_COLLISION');
    expect(problem).toMatchObject({ line: 102, column: 3, path: 'endings.hurt' });
    expect(problem.message).toBe('"hurt" is both a beat and an ending');
    expect(problem.hint).toContain('share one set of ids');
  });

  it('SB_ID_COLLISION: two responses with one id in a beat; the second is pointed at', () => {
    const text = variant(['id: reassure', 'id: stay']);
    const problem = theOne(load(text).problems, 'SB_ID_COLLISION');
    expect(problem).toMatchObject({ line: 59, column: 13, path: 'beats.hurt.responses[1].id' });
    expect(problem.message).toBe('response id "stay" is used twice in beat "hurt"');
    expect(problem.hint).toContain('unique within their beat');
  });

  it('the same response id in two different beats is fine', () => {
    const text = variant(['id: reassure', 'id: close']);
    expect(check(text).problems).toEqual([]);
  });

  it('SB_MOVE_UNKNOWN: a misspelt move suggests the rubric\'s nearest move', () => {
    const text = variant(['moves: [collaborate_goals]', 'moves: [colaborate_goals]']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_MOVE_UNKNOWN']);
    const problem = theOne(problems, 'SB_MOVE_UNKNOWN');
    expect(problem).toMatchObject({ ...where(text, 'colaborate_goals'), path: 'beats.repaired.responses[0].moves[0]' });
    expect(problem.message).toBe('the rubric defines no move "colaborate_goals"');
    expect(problem.hint).toBe('Did you mean "collaborate_goals"?');
    // Without a rubric the loader cannot know the moves, and says nothing about them.
    expect(loadScenario(text, FILE).problems).toEqual([]);
  });

  it('SB_MOVE_UNKNOWN: a move nothing resembles points to the move list', () => {
    const text = variant(['moves: [collaborate_goals]', 'moves: [hypnotise]']);
    const problem = theOne(load(text).problems, 'SB_MOVE_UNKNOWN');
    expect(problem.hint).toContain('scenarios/rubric.yaml');
  });

  it('SB_MOVE_REPEATED: the second copy of the move is pointed at', () => {
    const text = variant(['moves: [collaborate_goals]', 'moves: [collaborate_goals, collaborate_goals]']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_MOVE_REPEATED']);
    const problem = theOne(problems, 'SB_MOVE_REPEATED');
    expect(problem).toMatchObject({ ...where(text, ', collaborate_goals]', 'collaborate_goals'), path: 'beats.repaired.responses[0].moves[1]' });
    expect(problem.message).toBe('move "collaborate_goals" is listed twice in this response');
  });

  it('SB_BRANCH_ORDER: a branch without `when` before the last one', () => {
    const text = variant(['          - when: { trust: { gte: 41 } }\n            to: hurt', '          - to: hurt']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_BRANCH_ORDER']);
    const problem = theOne(problems, 'SB_BRANCH_ORDER');
    expect(problem).toMatchObject({ ...where(text, '- to: hurt', 'to'), path: 'beats.opening.responses[1].next[0]' });
    expect(problem.message).toBe('branch 0 has no "when" but is not the last branch');
    expect(problem.hint).toContain('Only the last branch may omit "when"');
  });

  it('SB_BRANCH_ORDER: a `when` on the last branch is pointed at by its key', () => {
    const text = variant(['          - to: testing', '          - when: { safety: { gte: 1 } }\n            to: testing']);
    const problem = theOne(load(text).problems, 'SB_BRANCH_ORDER');
    expect(problem).toMatchObject({ ...where(text, '- when: { safety', 'when'), path: 'beats.opening.responses[1].next[1].when' });
    expect(problem.message).toBe('the last branch has a "when"');
    expect(problem.hint).toContain('Remove its "when"');
  });

  it('SB_MARKER_WITH_RESOLVES: one beat that both opens and resolves a rupture', () => {
    const text = variant(['    resolves: true\n', '    resolves: true\n    marker: wd_denial\n']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_MARKER_WITH_RESOLVES']);
    const problem = theOne(problems, 'SB_MARKER_WITH_RESOLVES');
    expect(problem).toMatchObject({ ...where(text, '    resolves: true', 'resolves'), path: 'beats.repaired.resolves' });
    expect(problem.message).toContain('"repaired"');
    expect(problem.hint).toContain('Split it into two beats');
  });

  it('SB_IMMINENT_WITHOUT_PLAN: imminent on a beat whose risk is not a plan or intent', () => {
    const text = variant(['    resolves: true\n', '    resolves: true\n    imminent: true\n']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_IMMINENT_WITHOUT_PLAN']);
    const problem = theOne(problems, 'SB_IMMINENT_WITHOUT_PLAN');
    expect(problem).toMatchObject({ ...where(text, '    imminent: true', 'imminent'), path: 'beats.repaired.imminent' });
    expect(problem.message).toBe('beat "repaired" is marked imminent, but its risk is not set');
    expect(problem.hint).toContain('risk: plan_or_intent');

    const passive = variant(['    resolves: true\n', '    resolves: true\n    risk: passive_ideation\n    imminent: true\n']);
    expect(theOne(load(passive).problems, 'SB_IMMINENT_WITHOUT_PLAN').message).toContain('its risk is "passive_ideation"');
  });

  it('SB_RISK_QUESTION_PENALISED: asking about suicide directly with a negative trust effect', () => {
    const text = variant(['moves: [collaborate_goals]', 'moves: [ask_suicide_directly]\n        effects: { trust: -2 }']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_RISK_QUESTION_PENALISED']);
    const problem = theOne(problems, 'SB_RISK_QUESTION_PENALISED');
    expect(problem).toMatchObject({ ...where(text, 'effects: { trust: -2 }', '-2'), path: 'beats.repaired.responses[0].effects.trust' });
    expect(problem.hint).toContain('never lowers trust');
    // Zero is not a penalty; the same response with no trust cost loads.
    const zero = variant(['moves: [collaborate_goals]', 'moves: [ask_suicide_directly]\n        effects: { trust: 0, safety: -3 }']);
    expect(load(zero).problems).toEqual([]);
  });

  it('SB_FILE_NAME_MISMATCH: a file whose name is not its id (a warning: it still loads)', () => {
    const { loaded, problems } = loadScenario(BASE, 'scenarios/maya.yaml', rubric);
    expect(loaded).toBeDefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'SB_FILE_NAME_MISMATCH', severity: 'warning', file: 'scenarios/maya.yaml', line: 2, column: 5, path: 'id',
    });
    expect(problems[0]!.message).toBe('the file is named "maya.yaml" but the scenario id is "small"');
    expect(problems[0]!.hint).toContain('"small.yaml"');
  });

  it('SB_ID_NOT_UNIQUE_IN_LIBRARY: the second file with an id already in use', () => {
    const first = checkScenario(BASE, 'scenarios/small.yaml', rubric);
    const second = checkScenario(BASE, 'scenarios/more/small.yaml', rubric);
    const other = checkScenario(variant(['id: small', 'id: other']), 'scenarios/other.yaml', rubric);
    const problems = duplicateIdProblems([first, second, other]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'SB_ID_NOT_UNIQUE_IN_LIBRARY', severity: 'error', file: 'scenarios/more/small.yaml', line: 2, column: 5, path: 'id',
    });
    expect(problems[0]!.message).toContain('scenarios/small.yaml');
  });
});

describe('the checker\'s analysis', () => {
  it('SB_UNREACHABLE: a beat and an ending nothing leads to, located at their keys', () => {
    const text = variant(['endings:\n', `${plainBeat('orphan', '', ['unresolved', 'end-repaired'])}endings:\n  dropped:\n    client: "Bye."\n    outcome: dropout\n`]);
    const { loaded, problems } = check(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_UNREACHABLE', 'SB_UNREACHABLE']);
    expect(problems[0]).toMatchObject({ ...where(text, '  orphan:', 'orphan'), path: 'beats.orphan', severity: 'error' });
    expect(problems[0]!.message).toBe('beat "orphan" cannot be reached from start "opening"');
    expect(problems[0]!.hint).toContain('"next"');
    expect(problems[1]).toMatchObject({ ...where(text, '  dropped:', 'dropped'), path: 'endings.dropped' });
    expect(problems[1]!.message).toContain('ending "dropped"');
    // The loader alone does not judge the graph.
    expect(load(text).problems).toEqual([]);
  });

  it('SB_TRAP: a reachable beat from which no ending can be reached', () => {
    const text = variant(['        next: unresolved\n\nendings', `        next: loop\n\n${plainBeat('loop', '', ['loop', 'loop'])}endings`]);
    const { loaded, problems } = check(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_TRAP']);
    const problem = theOne(problems, 'SB_TRAP');
    expect(problem).toMatchObject({ ...where(text, '  loop:', 'loop'), path: 'beats.loop' });
    expect(problem.message).toContain('could never end');
  });

  it('SB_MARKER_WITHOUT_REPAIR: a marker beat with no 3RS strategy on offer', () => {
    const text = variant(['moves: [res_invite_discussion_of_relationship, res_disclose_internal_experience]', 'moves: [explore_experience]']);
    const { loaded, problems } = check(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_MARKER_WITHOUT_REPAIR']);
    const problem = theOne(problems, 'SB_MARKER_WITHOUT_REPAIR');
    expect(problem).toMatchObject({ line: 68, column: 5, path: 'beats.testing.responses' });
    expect(problem.message).toContain('wd_deferential_appeasing');
    expect(problem.hint).toContain('res_*');
  });

  it('SB_RISK_WITHOUT_QUESTION: a risk cue with no direct question on offer', () => {
    const text = variant(['    stage: 3\n', '    stage: 3\n    risk: passive_ideation\n']);
    const { loaded, problems } = check(text);
    expect(loaded).toBeUndefined();
    expect(codes(problems)).toEqual(['SB_RISK_WITHOUT_QUESTION']);
    const problem = theOne(problems, 'SB_RISK_WITHOUT_QUESTION');
    expect(problem).toMatchObject({ ...where(text, '    responses:\n      - id: stay', 'responses'), path: 'beats.hurt.responses' });
    expect(problem.message).toContain('passive_ideation');
    expect(problem.hint).toContain('ask_suicide_directly or assess_plan_intent');
  });

  it('SB_RISK_UNMANAGEABLE: a risk cue whose gate requirements no later beat offers (a warning)', () => {
    const text = variant(['    stage: 3\n', '    stage: 3\n    risk: plan_or_intent\n'],
      ['moves: [reflect_feeling, res_link_to_outside_patterns]', 'moves: [reflect_feeling, res_link_to_outside_patterns, ask_suicide_directly]']);
    const { loaded, problems } = check(text);
    expect(loaded).toBeDefined();
    expect(codes(problems)).toEqual(['SB_RISK_UNMANAGEABLE']);
    const problem = theOne(problems, 'SB_RISK_UNMANAGEABLE');
    expect(problem).toMatchObject({ ...where(text, 'risk: plan_or_intent', 'plan_or_intent'), path: 'beats.hurt.risk' });
    expect(problem.message).toBe('after the plan or intent cue at "hurt", no beat offers a follow-up on plan and intent (assess_plan_intent), or a safety plan (safety_planning)');
    expect(problem.hint).toContain('ends with a critical flag');
    // A follow-up at the cue and a safety plan at a later beat (repaired, reachable from hurt) settle it.
    const managed = text.replace('moves: [collaborate_goals]', 'moves: [collaborate_goals, safety_planning]').replace('ask_suicide_directly]', 'ask_suicide_directly, assess_plan_intent]');
    expect(check(managed).problems).toEqual([]);
    // An imminent plan needs escalation on offer too.
    const imminent = managed.replace('    risk: plan_or_intent\n', '    risk: plan_or_intent\n    imminent: true\n');
    expect(theOne(check(imminent).problems, 'SB_RISK_UNMANAGEABLE').message).toBe('after the plan or intent cue at "hurt", no beat offers escalation to crisis care (escalate_care)');
  });

  it('SB_WHEN_DEAD: a branch no path can take (a warning)', () => {
    // `explain` adds a few points to the initial trust of 40: 60 is out of reach.
    const text = variant(['gte: 41', 'gte: 60']);
    const { loaded, problems } = check(text);
    expect(loaded).toBeDefined();
    expect(codes(problems)).toEqual(['SB_WHEN_DEAD']);
    const problem = theOne(problems, 'SB_WHEN_DEAD');
    expect(problem).toMatchObject({ line: 39, column: 19, path: 'beats.opening.responses[1].next[0].when' });
    expect(problem.message).toContain('to "hurt" can never be taken');
  });

  it('SB_ONLY_DEAD_ROUTES: a beat reached only through a dead branch', () => {
    const text = variant(['          - when: { trust: { gte: 41 } }\n            to: hurt', '          - when: { trust: { gte: 99 } }\n            to: extra'],
      ['endings:\n', `${plainBeat('extra', '', ['unresolved', 'end-repaired'])}endings:\n`]);
    const { loaded, problems } = check(text);
    expect(loaded).toBeDefined();
    expect(codes(problems)).toEqual(['SB_WHEN_DEAD', 'SB_ONLY_DEAD_ROUTES']);
    const problem = theOne(problems, 'SB_ONLY_DEAD_ROUTES');
    expect(problem).toMatchObject({ ...where(text, '  extra:', 'extra'), path: 'beats.extra' });
    expect(problem.hint).toContain('Loosen the conditions');
  });

  it('SB_FLAG_NEVER_SET: a tested flag nothing sets, with the nearest flag that is set', () => {
    const text = variant(['          - when: { trust: { gte: 41 } }', '          - when: { flags: { defendd: true } }']);
    const { loaded, problems } = check(text);
    expect(loaded).toBeDefined();
    // The branch is also dead: an unset flag is always false.
    expect(codes(problems)).toEqual(['SB_WHEN_DEAD', 'SB_FLAG_NEVER_SET']);
    const problem = theOne(problems, 'SB_FLAG_NEVER_SET');
    expect(problem).toMatchObject({ ...where(text, 'defendd'), path: 'beats.opening.responses[1].next[0].when.flags.defendd' });
    expect(problem.message).toContain('always false');
    expect(problem.hint).toMatch(/^Did you mean "defended"\?/);
  });

  it('SB_RESOLVES_WITHOUT_EPISODE: resolves before any marker (a warning)', () => {
    const text = variant(['start: opening', 'start: warmup'], ['beats:\n', `beats:\n${plainBeat('warmup', '    resolves: true\n', ['opening', 'opening'])}`]);
    const { loaded, problems } = check(text);
    expect(loaded).toBeDefined();
    expect(codes(problems)).toEqual(['SB_RESOLVES_WITHOUT_EPISODE']);
    const problem = theOne(problems, 'SB_RESOLVES_WITHOUT_EPISODE');
    expect(problem).toMatchObject({ ...where(text, 'resolves: true\n    responses:\n      - { id: first', 'true'), path: 'beats.warmup.resolves' });
    expect(problem.hint).toContain('marker beat comes before it');
  });

  it('SB_STAGE_WITHOUT_EPISODE: a stage before any marker (a warning)', () => {
    const text = variant(['start: opening', 'start: warmup'], ['beats:\n', `beats:\n${plainBeat('warmup', '    stage: 2\n', ['opening', 'opening'])}`]);
    const { loaded, problems } = check(text);
    expect(loaded).toBeDefined();
    expect(codes(problems)).toEqual(['SB_STAGE_WITHOUT_EPISODE']);
    const problem = theOne(problems, 'SB_STAGE_WITHOUT_EPISODE');
    expect(problem).toMatchObject({ ...where(text, 'stage: 2', '2'), path: 'beats.warmup.stage' });
    expect(problem.message).toContain('stage 2');
  });
});

describe('every problem at once', () => {
  it('reports shape and reference problems from all over the file together, in line order', () => {
    const text = variant(['id: small', 'id: Small'], ['  age: 29', '  age: 290'], ['        next: repaired', '        next: repiared'],
      ['moves: [collaborate_goals]', 'moves: [colaborate_goals]'], ['minutes: 10\n', 'minutes: 10\nsumary: Short.\n'],
      ['id: reassure', 'id: stay']);
    const { loaded, problems } = load(text);
    expect(loaded).toBeUndefined();
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['SB_FIELD_FORMAT', 2],
      ['SB_FIELD_UNKNOWN', 9],
      ['SB_FIELD_RANGE', 12],
      ['SB_ID_UNKNOWN', where(text, 'repiared').line],
      ['SB_ID_COLLISION', where(text, 'id: stay\n        say: "I would', 'stay').line],
      ['SB_MOVE_UNKNOWN', where(text, 'colaborate_goals').line],
    ]);
    for (const problem of problems) expect(problem.severity).toBe(CODES[problem.code].severity);
  });

  it('reports several analysis errors in one check', () => {
    const text = variant(['moves: [res_invite_discussion_of_relationship, res_disclose_internal_experience]', 'moves: [explore_experience]'],
      ['        next: unresolved\n\nendings', `        next: loop\n\n${plainBeat('loop', '', ['loop', 'loop'])}${plainBeat('orphan', '', ['unresolved', 'unresolved'])}endings`]);
    const { problems } = check(text);
    expect(codes(problems)).toEqual(['SB_MARKER_WITHOUT_REPAIR', 'SB_TRAP', 'SB_UNREACHABLE']);
  });

  it('formats a problem as file:line:col, severity, code, path and hint', () => {
    const text = variant(['        next: repaired', '        next: repiared']);
    const [problem] = load(text).problems;
    expect(formatProblem(problem!)).toBe([
      'tests/fixtures/small.yaml:58:15 error SB_ID_UNKNOWN: "repiared" is not a beat or ending in this file',
      '    field: beats.hurt.responses[0].next',
      '    hint: Did you mean "repaired"? Known ids: opening, hurt, testing, repaired, end-repaired, unresolved.',
    ].join('\n'));
  });
});

describe('garbage in, problems out', () => {
  let seed = 7;
  const noise = Array.from({ length: 400 }, () => String.fromCharCode((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256)).join('');
  const garbage: Record<string, string> = {
    'an empty file': '',
    'only blank lines': '  \n\n',
    'a YAML list': '- opening\n- hurt\n',
    'a bare number': '42',
    'a bare string': 'hello',
    'null': 'null',
    'binary-ish text': '\u0000\u0001\u00ff\ufffd\u0007garbage: [\u0000',
    'random bytes': noise,
    'two documents': 'id: a\n---\nid: b\n',
    'a self-referencing alias': 'beats: &x [*x]\n',
    'a binary scalar': '!!binary aGVsbG8=',
    'a merge key and __proto__': '<<: { id: x }\n__proto__: { polluted: true }\nconstructor: 1\n',
    'beats and endings of the wrong kind': 'format: 1\nstart: 3\nbeats: [1, 2]\nendings: 3\n',
    'beats with empty and scalar values': 'beats:\n  x:\n  y: 5\nendings:\n  z: []\nstart: x\n',
    'responses of the wrong kind': 'beats:\n  x:\n    responses: [1, { next: [ { when: 3 }, 7 ] }, { moves: [1, 1], effects: 5 }]\n',
  };

  it.each(Object.entries(garbage))('never throws on %s, and reports located errors from the catalogue', (_name, text) => {
    for (const result of [loadScenario(text, FILE, rubric), loadScenario(text, FILE), checkScenario(text, FILE, rubric)]) {
      expect(result.loaded).toBeUndefined();
      expect(result.problems.some((p) => p.severity === 'error')).toBe(true);
      for (const problem of result.problems) {
        expect(Object.keys(CODES)).toContain(problem.code);
        expect(problem.severity).toBe(CODES[problem.code].severity);
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.column).toBeGreaterThanOrEqual(1);
        expect(problem.message.length).toBeGreaterThan(0);
      }
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('names the root of a non-map file plainly', () => {
    expect(load('- opening\n- hurt\n').problems).toEqual([expect.objectContaining({
      code: 'SB_FIELD_TYPE', line: 1, column: 1, path: '', message: 'the file should be a map of fields, not a list',
    })]);
    expect(load('# only a comment\n').problems).toEqual([expect.objectContaining({
      code: 'SB_FIELD_TYPE', line: 1, column: 1, path: '', message: 'the file should be a map of fields, not an empty value',
    })]);
  });

  // Known weakness: a zero-byte file parses to `undefined` rather than `null`, and is
  // reported as SB_FIELD_REQUIRED "required field the file is missing", hint
  // "Add the file (a map of fields) here." A blank or comment-only file gets the
  // clearer SB_FIELD_TYPE message; an empty file should too.
  it('reports a zero-byte file like a blank one', () => {
    expect(load('').problems).toEqual(load('# only a comment\n').problems);
  });

  it('never throws on an alias bomb (a "billion laughs" file)', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n'
      + 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    const { loaded, problems } = loadScenario(bomb, FILE, rubric);
    expect(loaded).toBeUndefined();
    expect(problems.some((p) => p.severity === 'error')).toBe(true);
  });

  // Known weakness: a `!!binary` document becomes a Buffer, and every Buffer
  // method is reported as an unknown field (over 100 problems).
  it('reports a !!binary document as one wrong kind of value, not as Buffer methods', () => {
    const { problems } = load('!!binary aGVsbG8=');
    expect(problems.map((p) => p.message).join('\n')).not.toContain('readBigUInt64LE');
    expect(problems.length).toBeLessThan(15);
  });
});

describe('coverage of the catalogue', () => {
  /** Codes tested elsewhere. */
  const ELSEWHERE = new Set([
    'SB_RUBRIC_MOVE_MISSING', 'SB_RUBRIC_KIND_MISMATCH', 'SB_RUBRIC_CITATION_UNKNOWN', 'SB_RUBRIC_RISK_QUESTION_PENALISED', 'SB_RUBRIC_PENALTY_MISSING', // rubric-loader.test.ts
    'SB_FILE_NOT_FOUND', 'SB_FILE_UNREADABLE', 'SB_REPLAY_NOT_OFFERED', 'SB_REPLAY_AFTER_ENDING', 'SB_CLI_USAGE', // cli/cli.test.ts
    'SB_CLI_DATABASE', // cli/server-commands.test.ts
  ]);

  it('has a test above for every scenario-file code in CODES (add one when a code is added)', () => {
    expect(Object.keys(CODES).filter((code) => !ELSEWHERE.has(code)).sort()).toEqual([
      'SB_BRANCH_ORDER', 'SB_FIELD_FORMAT', 'SB_FIELD_RANGE', 'SB_FIELD_REQUIRED', 'SB_FIELD_TYPE', 'SB_FIELD_UNKNOWN',
      'SB_FIELD_VALUE', 'SB_FILE_NAME_MISMATCH', 'SB_FLAG_NEVER_SET', 'SB_ID_COLLISION', 'SB_ID_NOT_UNIQUE_IN_LIBRARY',
      'SB_ID_UNKNOWN', 'SB_IMMINENT_WITHOUT_PLAN', 'SB_MARKER_WITHOUT_REPAIR', 'SB_MARKER_WITH_RESOLVES', 'SB_MOVE_REPEATED', 'SB_MOVE_UNKNOWN',
      'SB_ONLY_DEAD_ROUTES', 'SB_RESOLVES_WITHOUT_EPISODE', 'SB_RISK_QUESTION_PENALISED', 'SB_RISK_UNMANAGEABLE',
      'SB_RISK_WITHOUT_QUESTION', 'SB_STAGE_WITHOUT_EPISODE', 'SB_START_NOT_BEAT', 'SB_TRAP', 'SB_UNREACHABLE',
      'SB_WHEN_DEAD', 'SB_YAML_DUPLICATE_KEY', 'SB_YAML_SYNTAX',
    ]);
  });
});
