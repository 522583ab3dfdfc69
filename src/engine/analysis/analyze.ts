/**
 * Everything the checker says about a loaded scenario beyond its shape: the
 * graph checks, what abstract play proves about conditions and markers, and the
 * range of final scores. Cost is linear in the scenario (no path enumeration).
 */
import type { Rubric } from '../schema/rubric.js';
import type { Scenario } from '../schema/scenario.js';
import { hintFor } from '../load/suggest.js';
import { branchesOf } from '../session/step.js';
import { branchKey, playAbstractly } from './abstractPlay.js';
import type { ScoreBounds } from './abstractPlay.js';
import type { Finding } from './finding.js';
import { analyseStructure } from './structure.js';

export interface Analysis {
  readonly findings: Finding[];
  /** The lowest and highest final scores a player can reach (an over-approximation). */
  readonly bounds: ScoreBounds | null;
}

export function analyseScenario(scenario: Scenario, rubric: Rubric): Analysis {
  const { structure, findings } = analyseStructure(scenario, rubric);
  const play = playAbstractly(scenario, rubric);
  const flagsSet = new Set<string>();
  for (const beat of Object.values(scenario.beats)) {
    for (const response of beat.responses) for (const flag of Object.keys(response.set ?? {})) flagsSet.add(flag);
  }

  for (const [beatId, beat] of Object.entries(scenario.beats)) {
    // Only beats that play can reach: unreachable ones are already errors.
    if (!play.beats.has(beatId)) continue;
    if (beat.resolves && !play.resolvesEffective.has(beatId)) {
      findings.push({
        code: 'SB_RESOLVES_WITHOUT_EPISODE', path: ['beats', beatId, 'resolves'],
        message: `beat "${beatId}" resolves a rupture, but no rupture episode is open on any path that reaches it`,
        hint: 'Remove "resolves", or make sure a marker beat comes before it on the way here.',
      });
    }
    if (beat.stage !== undefined && !play.stageEffective.has(beatId)) {
      findings.push({
        code: 'SB_STAGE_WITHOUT_EPISODE', path: ['beats', beatId, 'stage'],
        message: `beat "${beatId}" sets resolution stage ${beat.stage}, but no rupture episode is open on any path that reaches it`,
        hint: 'A stage only counts inside an open episode: remove it or place the beat after a marker.',
      });
    }
    beat.responses.forEach((response, responseIndex) => {
      if (typeof response.next === 'string') return;
      const list = branchesOf(response);
      list.forEach((branch, branchIndex) => {
        const live = play.branches.has(branchKey(beatId, responseIndex, branchIndex));
        for (const flag of Object.keys(branch.when?.flags ?? {})) {
          if (flagsSet.has(flag)) continue;
          findings.push({
            code: 'SB_FLAG_NEVER_SET', path: ['beats', beatId, 'responses', responseIndex, 'next', branchIndex, 'when', 'flags', flag], at: 'key',
            message: `flag "${flag}" is tested here but no response ever sets it, so it is always false`,
            hint: flagsSet.size ? hintFor(flag, [...flagsSet], 'flags set in this file') : `Set it on a response before this beat, e.g. set: { ${flag}: true }.`,
          });
        }
        if (!live && branch.when) {
          findings.push({
            code: 'SB_WHEN_DEAD', path: ['beats', beatId, 'responses', responseIndex, 'next', branchIndex, 'when'],
            message: `this branch to "${branch.to}" can never be taken: its condition cannot hold on any path that reaches it, or an earlier branch always wins`,
            hint: 'Check the numbers against the trust and safety play can have here, the flags set before this beat, and the order of branches.',
          });
        }
      });
    });
  }
  // Reachable in the graph but in no play: conditions rule every way in out.
  for (const id of [...Object.keys(scenario.beats), ...Object.keys(scenario.endings)]) {
    if (!structure.reachable.has(id) || play.beats.has(id) || play.endings.has(id)) continue;
    findings.push({
      code: 'SB_ONLY_DEAD_ROUTES', path: [Object.hasOwn(scenario.beats, id) ? 'beats' : 'endings', id], at: 'key',
      message: `"${id}" is only reached through branches whose conditions can never hold, so no play reaches it`,
      hint: 'Loosen the conditions on the branches that lead here, or remove it.',
    });
  }
  return { findings, bounds: play.bounds };
}
