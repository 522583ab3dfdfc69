/**
 * The safety gate, by kind of risk cue (docs/scoring.md). Each cue requires
 * what current practice requires; a requirement missed is a critical flag that
 * fails the attempt, however warm every other reply was. Asking one turn late,
 * after a reply that did not stay with the client, is a note that costs Safety
 * but does not fail.
 */
import type { Scenario } from '../schema/scenario.js';
import type { RiskGate, SessionContext, Turn } from '../session/context.js';
import { RISK_KINDS_NEEDING_MANAGEMENT, STAYING_MOVES, assessesRisk } from '../vocabulary.js';
import type { CriticalFlag, NoteFlag, RiskKind } from '../vocabulary.js';

export interface FlagRecord<F extends string = CriticalFlag | NoteFlag> {
  readonly flag: F;
  /** The turn the flag is about: the risk cue's turn, or the turn that broke the rule. */
  readonly turn: number;
  /** The beat of the risk cue (or of the promise) it concerns. */
  readonly beat: string;
  readonly message: string;
}
export type CriticalFlagRecord = FlagRecord<CriticalFlag>;
export type NoteRecord = FlagRecord<NoteFlag>;

/** Safety lost for asking about risk one turn late. */
export const RISK_DELAYED_HARM = 20;

const KINDS_NEEDING_FOLLOW_UP: readonly RiskKind[] = ['active_ideation', 'plan_or_intent', 'recent_behaviour'];
const words = (kind: string) => kind.replace(/_/g, ' ');

/** What one gate still needed at the end of play, as `[move, what it means]`. */
function managementNeeds(gate: RiskGate): (readonly [string, string])[] {
  const needs: (readonly [string, string])[] = [];
  if (RISK_KINDS_NEEDING_MANAGEMENT.includes(gate.kind)) needs.push(['safety_planning', 'a safety plan']);
  if (gate.kind === 'plan_or_intent' && gate.imminent) needs.push(['escalate_care', 'escalation to crisis care']);
  if (gate.kind === 'recent_behaviour') needs.push(['assess_medical_need', 'a check on medical need']);
  return needs;
}

const usedFrom = (turns: readonly Turn[], from: number, move: string) => turns.some((t) => t.index >= from && t.moves.includes(move));
/** The reply at the cue stayed with the client: it reflected, validated or explored, and harmed nowhere. */
const stayed = (turn: Turn | undefined, harms: (moves: readonly string[]) => boolean) =>
  turn !== undefined && turn.moves.some((m) => (STAYING_MOVES as readonly string[]).includes(m)) && !harms(turn.moves);

export interface GateFlags {
  readonly flags: CriticalFlagRecord[];
  readonly notes: NoteRecord[];
}

/**
 * The flags and notes an attempt carries so far. While the session runs, a
 * flag is raised only once it is certain: a missed question once turn i + 1
 * has passed, a missing follow-up, plan, escalation, medical check or
 * location only at the ending. Each flag is set once per attempt, at its
 * first occurrence.
 */
export function gateFlags(scenario: Scenario, context: SessionContext, harms: (moves: readonly string[]) => boolean): GateFlags {
  const ended = context.ending !== null;
  const { turns } = context;
  const taken = turns.length;
  const flags: CriticalFlagRecord[] = [];
  const notes: NoteRecord[] = [];
  const raise = (flag: CriticalFlag, gate: { beat: string }, turn: number, message: string) => {
    if (!flags.some((f) => f.flag === flag)) flags.push({ flag, turn, beat: gate.beat, message });
  };

  for (const gate of context.gates) {
    const i = gate.openedAt;
    const kind = words(gate.kind);
    const askedAtCue = turns[i] !== undefined && assessesRisk(turns[i].moves);
    const askedNext = turns[i + 1] !== undefined && assessesRisk(turns[i + 1]!.moves);
    if (!askedAtCue && askedNext) {
      if (!stayed(turns[i], harms) && !notes.some((n) => n.flag === 'risk_delayed')) {
        notes.push({
          flag: 'risk_delayed', turn: i + 1, beat: gate.beat,
          message: `The risk cue at "${gate.beat}" (${kind}) was asked about one turn late, after a reply that did not stay with the client (Safety −${RISK_DELAYED_HARM}).`,
        });
      }
    } else if (!askedAtCue && (ended || taken > i + 1)) {
      raise('risk_not_assessed', gate, i, `The risk cue at "${gate.beat}" (${kind}) was not followed by a direct question about suicide on that turn or the next.`);
    }
    if (!ended) continue;
    if (KINDS_NEEDING_FOLLOW_UP.includes(gate.kind) && !usedFrom(turns, i, 'assess_plan_intent')) {
      raise('risk_not_followed_up', gate, i, `The ${kind} disclosed at "${gate.beat}" was never followed up by asking about plan and intent.`);
    }
    const missing = managementNeeds(gate).filter(([move]) => !usedFrom(turns, i, move)).map(([, what]) => what);
    if (missing.length) {
      raise('risk_not_managed', gate, i, `The ${kind} disclosed at "${gate.beat}" was not met with ${missing.join(', nor ')} before the session ended.`);
    }
    const needsLocation = scenario.setting === 'telehealth' && RISK_KINDS_NEEDING_MANAGEMENT.includes(gate.kind);
    if (needsLocation && !usedFrom(turns, i, 'confirm_location')) {
      raise('location_not_confirmed', gate, i, `By video, the ${kind} disclosed at "${gate.beat}" needed where the client is now and a contact confirmed; neither was asked.`);
    }
  }

  const firstCue = Math.min(...context.gates.map((gate) => gate.openedAt));
  const promise = turns.find((turn) => turn.index >= firstCue && turn.moves.includes('promise_secrecy'));
  if (promise) {
    raise('promise_secrecy', promise, promise.index,
      `At "${promise.beat}" the reply promised secrecy after a risk cue; confidentiality has limits when a life may be at risk.`);
  }
  const byTurn = <T extends { turn: number }>(a: T, b: T) => a.turn - b.turn;
  return { flags: flags.sort(byTurn), notes: notes.sort(byTurn) };
}
