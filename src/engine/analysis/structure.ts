/**
 * Checks on the scenario as a plain graph (every branch counted as possible):
 * reachability, traps, and what each marker and risk beat offers. Linear in the
 * number of beats and responses.
 */
import type { Rubric } from '../schema/rubric.js';
import type { Scenario } from '../schema/scenario.js';
import { containsRepair } from '../scoring/repair.js';
import { branchesOf } from '../session/step.js';
import { RISK_KINDS_NEEDING_MANAGEMENT, assessesRisk, managesRisk } from '../vocabulary.js';
import type { Finding } from './finding.js';

export interface Structure {
  /** Beats and endings reachable from start, ignoring conditions. */
  readonly reachable: ReadonlySet<string>;
  /** Beats from which some ending can be reached, ignoring conditions. */
  readonly canEnd: ReadonlySet<string>;
}

function successors(scenario: Scenario): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [beatId, beat] of Object.entries(scenario.beats)) {
    const targets = new Set<string>();
    for (const response of beat.responses) for (const branch of branchesOf(response)) targets.add(branch.to);
    edges.set(beatId, targets);
  }
  return edges;
}

function search(starts: Iterable<string>, next: (id: string) => Iterable<string>): Set<string> {
  const seen = new Set<string>(starts);
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const target of next(queue[i]!)) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

function predecessors(edges: Map<string, Set<string>>): Map<string, string[]> {
  const back = new Map<string, string[]>();
  for (const [from, targets] of edges) {
    for (const to of targets) {
      const list = back.get(to);
      if (list) list.push(from);
      else back.set(to, [from]);
    }
  }
  return back;
}

export function analyseStructure(scenario: Scenario, rubric: Rubric): { structure: Structure; findings: Finding[] } {
  const edges = successors(scenario);
  const back = predecessors(edges);
  const reachable = search([scenario.start], (id) => edges.get(id) ?? []);
  const canEnd = search(Object.keys(scenario.endings), (id) => back.get(id) ?? []);
  const findings: Finding[] = [];

  for (const id of [...Object.keys(scenario.beats), ...Object.keys(scenario.endings)]) {
    if (reachable.has(id)) continue;
    const kind = Object.hasOwn(scenario.beats, id) ? 'beats' : 'endings';
    findings.push({
      code: 'SB_UNREACHABLE', path: [kind, id], at: 'key',
      message: `${kind === 'beats' ? 'beat' : 'ending'} "${id}" cannot be reached from start "${scenario.start}"`,
      hint: 'Point some response\'s "next" at it, or delete it.',
    });
  }

  // Beats from which a safety plan or escalation can still be offered.
  const managing = Object.entries(scenario.beats)
    .filter(([, beat]) => beat.responses.some((r) => managesRisk(r.moves)))
    .map(([id]) => id);
  const canManage = search(managing, (id) => back.get(id) ?? []);

  for (const [beatId, beat] of Object.entries(scenario.beats)) {
    if (!reachable.has(beatId)) continue;
    if (!canEnd.has(beatId)) {
      findings.push({
        code: 'SB_TRAP', path: ['beats', beatId], at: 'key',
        message: `beat "${beatId}" is reachable but no ending can be reached from it: the session could never end`,
        hint: 'Give one of its responses (or a beat after it) a "next" that leads to an ending.',
      });
    }
    if (beat.marker && !beat.responses.some((r) => containsRepair(rubric, r.moves))) {
      findings.push({
        code: 'SB_MARKER_WITHOUT_REPAIR', path: ['beats', beatId, 'responses'], at: 'key',
        message: `beat "${beatId}" shows the marker ${beat.marker} but offers no response with a 3RS resolution strategy`,
        hint: 'Offer at least one response whose moves include a res_* strategy, so the trainee can repair here.',
      });
    }
    if (beat.risk && !beat.responses.some((r) => assessesRisk(r.moves))) {
      findings.push({
        code: 'SB_RISK_WITHOUT_QUESTION', path: ['beats', beatId, 'responses'], at: 'key',
        message: `beat "${beatId}" carries a risk cue (${beat.risk}) but offers no direct question about it`,
        hint: 'Offer a response with ask_suicide_directly or assess_plan_intent: a clear, plain-language question.',
      });
    }
    if (beat.risk && RISK_KINDS_NEEDING_MANAGEMENT.includes(beat.risk) && !canManage.has(beatId)) {
      findings.push({
        code: 'SB_RISK_UNMANAGEABLE', path: ['beats', beatId, 'risk'],
        message: `after the ${beat.risk} cue at "${beatId}", no beat offers safety planning or escalation`,
        hint: 'Every path through such a cue ends with risk_not_managed. Offer safety_planning or escalate_care at this beat or after it.',
      });
    }
  }
  return { structure: { reachable, canEnd }, findings };
}
