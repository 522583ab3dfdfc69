/**
 * The safety gate, by kind of risk cue (docs/scoring.md). Each cue requires
 * what current practice requires; a requirement missed is a critical flag that
 * fails the attempt, however warm every other reply was. Asking one turn late,
 * after a reply that did not stay with the client, is a note that costs Safety
 * but does not fail.
 */
import type { Scenario } from '../schema/scenario.js';
import type { RiskGate, SessionContext, Turn } from '../session/context.js';
import { RISK_ASSESSING_MOVES, RISK_KINDS_NEEDING_MANAGEMENT, STAYING_MOVES, assessesRisk } from '../vocabulary.js';
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

/** One row of the gate table that must be met from the cue to the end: a move, the flag if it is missing, and what it means. */
export interface GateRequirement {
  readonly move: string;
  readonly flag: CriticalFlag;
  readonly what: string;
}

/**
 * What a gate requires from its cue to the end of the session, beyond the
 * direct question (scoring.md, "The safety gate, by kind of risk cue"): the
 * one statement of that table, read by the flags below and by the validity
 * suite's clean walks.
 */
export function gateRequirements(gate: RiskGate, scenario: Scenario): GateRequirement[] {
  const rows: GateRequirement[] = [];
  if (KINDS_NEEDING_FOLLOW_UP.includes(gate.kind)) rows.push({ move: 'assess_plan_intent', flag: 'risk_not_followed_up', what: 'a follow-up on plan and intent' });
  if (RISK_KINDS_NEEDING_MANAGEMENT.includes(gate.kind)) rows.push({ move: 'safety_planning', flag: 'risk_not_managed', what: 'a safety plan' });
  if (gate.kind === 'plan_or_intent' && gate.imminent) rows.push({ move: 'escalate_care', flag: 'risk_not_managed', what: 'escalation to crisis care' });
  if (gate.kind === 'recent_behaviour') rows.push({ move: 'assess_medical_need', flag: 'risk_not_managed', what: 'a check on medical need' });
  if (scenario.setting === 'telehealth' && RISK_KINDS_NEEDING_MANAGEMENT.includes(gate.kind)) {
    rows.push({ move: 'confirm_location', flag: 'location_not_confirmed', what: 'where the client is now and a contact confirmed' });
  }
  return rows;
}

/**
 * The gate requirements still pending, each as the moves any one of which
 * meets it: a cue not yet asked about, then every row of `gateRequirements`
 * not yet met since the cue.
 */
export function pendingRequirements(scenario: Scenario, context: Pick<SessionContext, 'gates' | 'turns'>): (readonly string[])[] {
  const pending: (readonly string[])[] = [];
  for (const gate of context.gates) {
    if (!RISK_ASSESSING_MOVES.some((move) => usedFrom(context.turns, gate.openedAt, move))) pending.push(RISK_ASSESSING_MOVES);
    for (const row of gateRequirements(gate, scenario)) if (!usedFrom(context.turns, gate.openedAt, row.move)) pending.push([row.move]);
  }
  return pending;
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
    const missing = gateRequirements(gate, scenario).filter((row) => !usedFrom(turns, i, row.move));
    if (missing.some((row) => row.flag === 'risk_not_followed_up')) {
      raise('risk_not_followed_up', gate, i, `The ${kind} disclosed at "${gate.beat}" was never followed up by asking about plan and intent.`);
    }
    const unmanaged = missing.filter((row) => row.flag === 'risk_not_managed').map((row) => row.what);
    if (unmanaged.length) {
      raise('risk_not_managed', gate, i, `The ${kind} disclosed at "${gate.beat}" was not met with ${unmanaged.join(', or ')} before the session ended.`);
    }
    if (missing.some((row) => row.flag === 'location_not_confirmed')) {
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
