/**
 * Loads the scoring rubric from YAML text, validated like a scenario: shape,
 * the format's move ids with their kinds, citation keys, and the rule that a
 * direct question about suicide can never lower trust.
 */
import { isError } from '../errors.js';
import type { Problem } from '../errors.js';
import { contentHash } from '../hash.js';
import { RubricSchema } from '../schema/rubric.js';
import type { Rubric } from '../schema/rubric.js';
import { FORMAT_MOVES, PENALISED_IN_RUPTURE } from '../vocabulary.js';
import { sortProblems } from './loadScenario.js';
import { validateShape } from './schemaProblems.js';
import { parseYaml, problemAt } from './source.js';
import type { YamlSource } from './source.js';
import { hintFor } from './suggest.js';

export interface LoadedRubric {
  readonly rubric: Rubric;
  readonly hash: string;
}

export interface RubricLoadResult {
  readonly loaded?: LoadedRubric;
  readonly problems: Problem[];
}

/** Moves whose trust delta must never be negative, whatever the context. */
const NEVER_LOWERS_TRUST = ['ask_suicide_directly'] as const;

export function loadRubric(text: string, file: string): RubricLoadResult {
  const { source, problems: parsing } = parseYaml(text, file);
  if (!source || parsing.length) return { problems: parsing };
  const shape = validateShape(source, RubricSchema);
  if (!shape.value) return { problems: sortProblems(shape.problems) };
  const all = sortProblems(rubricRules(source, shape.value));
  if (all.some(isError)) return { problems: all };
  return { loaded: { rubric: shape.value, hash: contentHash(source.data) }, problems: all };
}

function rubricRules(source: YamlSource, rubric: Rubric): Problem[] {
  const problems: Problem[] = [];
  const citationKeys = Object.keys(rubric.citations);
  for (const [id, kind] of Object.entries(FORMAT_MOVES)) {
    const move = rubric.moves[id];
    if (!move) {
      problems.push(problemAt(source, 'SB_RUBRIC_MOVE_MISSING', ['moves'], `the rubric does not define "${id}"`,
        `Every move the format names must be scored. Add "${id}" (kind ${kind}).`, 'key'));
    } else if (move.kind !== kind) {
      problems.push(problemAt(source, 'SB_RUBRIC_KIND_MISMATCH', ['moves', id, 'kind'], `"${id}" must be of kind ${kind}, not ${move.kind}`,
        'The format fixes the kind of each of its moves; 3RS strategies are repair_immediate or repair_expressive.'));
    }
  }
  for (const [id, move] of Object.entries(rubric.moves)) {
    move.cites.forEach((key, index) => {
      if (!Object.hasOwn(rubric.citations, key)) {
        problems.push(problemAt(source, 'SB_RUBRIC_CITATION_UNKNOWN', ['moves', id, 'cites', index], `"${key}" is not a key under citations`,
          hintFor(key, citationKeys, 'Citation keys')));
      }
    });
  }
  for (const id of NEVER_LOWERS_TRUST) {
    const move = rubric.moves[id];
    if (!move) continue;
    const worst = move.trust + (move.modifiers ?? []).reduce((sum, modifier) => sum + Math.min(0, modifier.trust ?? 0), 0);
    if (worst < 0) {
      problems.push(problemAt(source, 'SB_RUBRIC_RISK_QUESTION_PENALISED', ['moves', id], `"${id}" can lower trust (to ${worst}) when its modifiers combine`,
        'Asking directly about suicide never lowers trust. Make its base and every modifier trust zero or more.', 'key'));
    }
  }
  for (const id of PENALISED_IN_RUPTURE) {
    const move = rubric.moves[id];
    if (!move || (move.repair_penalty ?? 0) > 0) continue;
    problems.push(problemAt(source, 'SB_RUBRIC_PENALTY_MISSING', ['moves', id], `"${id}" has no positive repair_penalty`,
      `Used while a rupture is open, "${id}" must cost the episode's Repair score (scoring.md). Give it repair_penalty: 5 or more.`, 'key'));
  }
  return problems;
}
