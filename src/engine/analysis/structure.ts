/**
 * Checks on the scenario as a plain graph (every branch counted as possible):
 * reachability, traps, and what each marker and risk beat offers. Linear in the
 * number of beats and responses.
 */
import type { Rubric } from '../schema/rubric.js';
import type { Scenario } from '../schema/scenario.js';
import { containsRepair } from '../scoring/repair.js';
import { branchesOf } from '../session/step.js';
import { gateRequirements } from '../scoring/criticalFlags.js';
import { assessesRisk } from '../vocabulary.js';
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

  // For each move the safety gate may require, the beats from which a reply making it can still be offered.
  const canOffer = new Map<string, Set<string>>();
  const offering = (move: string) => {
    let beats = canOffer.get(move);
    if (!beats) {
      const offers = Object.entries(scenario.beats).filter(([, beat]) => beat.responses.some((r) => r.moves.includes(move))).map(([id]) => id);
      canOffer.set(move, (beats = search(offers, (id) => back.get(id) ?? [])));
    }
    return beats;
  };

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
    if (beat.risk) {
      const gate = { kind: beat.risk, beat: beatId, imminent: beat.imminent === true, openedAt: 0, assessedAt: null };
      const missing = gateRequirements(gate, scenario).filter((row) => !offering(row.move).has(beatId));
      if (missing.length) {
        findings.push({
          code: 'SB_RISK_UNMANAGEABLE', path: ['beats', beatId, 'risk'],
          message: `after the ${beat.risk.replace(/_/g, ' ')} cue at "${beatId}", no beat offers ${missing.map((row) => `${row.what} (${row.move})`).join(', or ')}`,
          hint: 'Every path through this cue then ends with a critical flag. Offer those moves at this beat or after it (docs/scoring.md, the safety gate).',
        });
      }
    }
  }
  return { structure: { reachable, canEnd }, findings };
}
