/**
 * Checks a scenario's references: every id it names exists, ids are unique,
 * moves are ones the rubric defines, branches are ordered. Works on the raw
 * document so these problems are reported together with shape problems.
 */
import type { Problem } from '../errors.js';
import type { Rubric } from '../schema/rubric.js';
import { problemAt } from './source.js';
import type { FieldPath, YamlSource } from './source.js';
import { hintFor, nearest } from './suggest.js';

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const recordOf = (value: unknown): Raw => (isRecord(value) ? value : {});
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function checkScenarioReferences(source: YamlSource, rubric: Rubric | undefined): Problem[] {
  const problems: Problem[] = [];
  const report = (code: Parameters<typeof problemAt>[1], path: FieldPath, message: string, hint?: string, at: 'value' | 'key' = 'value') =>
    problems.push(problemAt(source, code, path, message, hint, at));

  const doc = recordOf(source.data);
  const beats = recordOf(doc.beats);
  const endings = recordOf(doc.endings);
  const beatIds = Object.keys(beats);
  const endingIds = Object.keys(endings);
  const allIds = [...beatIds, ...endingIds];
  const known = new Set(allIds);

  for (const id of endingIds) {
    if (Object.hasOwn(beats, id)) {
      report('SB_ID_COLLISION', ['endings', id], `"${id}" is both a beat and an ending`,
        'Beats and endings share one set of ids. Rename one of them.', 'key');
    }
  }

  if (typeof doc.start === 'string') {
    if (Object.hasOwn(endings, doc.start) && !Object.hasOwn(beats, doc.start)) {
      report('SB_START_NOT_BEAT', ['start'], `start "${doc.start}" is an ending, not a beat`, 'A session must open on a beat the trainee can respond to.');
    } else if (!Object.hasOwn(beats, doc.start)) {
      report('SB_ID_UNKNOWN', ['start'], `start names "${doc.start}", which is not a beat`, hintFor(doc.start, beatIds, 'Beats'));
    }
  }

  const checkTarget = (path: FieldPath, target: unknown) => {
    if (typeof target !== 'string' || known.has(target)) return;
    report('SB_ID_UNKNOWN', path, `"${target}" is not a beat or ending in this file`, hintFor(target, allIds, 'Known ids'));
  };

  for (const [beatId, beatValue] of Object.entries(beats)) {
    const beat = recordOf(beatValue);
    if (beat.marker !== undefined && beat.resolves === true) {
      report('SB_MARKER_WITH_RESOLVES', ['beats', beatId, 'resolves'], `beat "${beatId}" both opens a rupture (marker) and resolves one`,
        'Split it into two beats: the marker beat, and a later beat where the repair lands.', 'key');
    }
    if (beat.imminent !== undefined && beat.risk !== 'plan_or_intent') {
      report('SB_IMMINENT_WITHOUT_PLAN', ['beats', beatId, 'imminent'], `beat "${beatId}" is marked imminent, but its risk is ${typeof beat.risk === 'string' ? `"${beat.risk}"` : 'not set'}`,
        'imminent applies to a plan or intent only: add "risk: plan_or_intent" to the beat, or remove imminent.', 'key');
    }
    const seen = new Set<string>();
    listOf(beat.responses).forEach((responseValue, index) => {
      const response = recordOf(responseValue);
      const at: FieldPath = ['beats', beatId, 'responses', index];
      if (typeof response.id === 'string') {
        if (seen.has(response.id)) report('SB_ID_COLLISION', [...at, 'id'], `response id "${response.id}" is used twice in beat "${beatId}"`, 'Response ids must be unique within their beat; attempts record them.');
        seen.add(response.id);
      }
      checkMoves(response, at);
      const next = response.next;
      if (typeof next === 'string') checkTarget([...at, 'next'], next);
      else if (Array.isArray(next)) {
        next.forEach((branchValue, branchIndex) => {
          const branch = recordOf(branchValue);
          const last = branchIndex === next.length - 1;
          const path = [...at, 'next', branchIndex];
          if (!last && branch.when === undefined) {
            report('SB_BRANCH_ORDER', path, `branch ${branchIndex} has no "when" but is not the last branch`,
              'Only the last branch may omit "when" (it is the default). Add a condition, or move this branch to the end.');
          }
          if (last && branch.when !== undefined) {
            report('SB_BRANCH_ORDER', [...path, 'when'], 'the last branch has a "when"', 'The last branch is the default taken when no other holds. Remove its "when", or add a final branch without one.', 'key');
          }
          checkTarget([...path, 'to'], branch.to);
        });
      }
    });
  }

  function checkMoves(response: Raw, at: FieldPath): void {
    const moves = listOf(response.moves);
    const used = new Set<string>();
    moves.forEach((move, index) => {
      if (typeof move !== 'string') return;
      if (used.has(move)) report('SB_MOVE_REPEATED', [...at, 'moves', index], `move "${move}" is listed twice in this response`, 'List each move once.');
      used.add(move);
      if (rubric && !Object.hasOwn(rubric.moves, move)) {
        const guess = nearest(move, Object.keys(rubric.moves));
        report('SB_MOVE_UNKNOWN', [...at, 'moves', index], `the rubric defines no move "${move}"`,
          guess ? `Did you mean "${guess}"?` : 'See the move list in docs/scenario-format.md, or add the move to scenarios/rubric.yaml.');
      }
    });
    const trustEffect = recordOf(response.effects).trust;
    if (moves.includes('ask_suicide_directly') && typeof trustEffect === 'number' && trustEffect < 0) {
      report('SB_RISK_QUESTION_PENALISED', [...at, 'effects', 'trust'], 'a direct question about suicide is given a negative trust effect',
        'Asking directly about suicide never lowers trust (Gould et al. 2005). Remove the negative effect.');
    }
  }

  return problems;
}
