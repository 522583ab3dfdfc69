/**
 * Critical flags: the safety gate (docs/scoring.md). An attempt with any of
 * these fails, however warm every other reply was.
 */
import type { SessionContext } from '../session/context.js';
import { RISK_KINDS_NEEDING_MANAGEMENT } from '../vocabulary.js';
import type { CriticalFlag } from '../vocabulary.js';

export interface CriticalFlagRecord {
  readonly flag: CriticalFlag;
  /** The turn at which the flag became certain. */
  readonly turn: number;
  /** The beat of the risk cue (or of the promise) it concerns. */
  readonly beat: string;
  readonly message: string;
}

/**
 * Flags an attempt carries so far. While the session runs, a flag is raised only
 * once it is certain: a missed question after turn i + 1 has passed, a missing
 * safety plan only at the ending.
 */
export function criticalFlags(context: SessionContext): CriticalFlagRecord[] {
  const ended = context.ending !== null;
  const taken = context.turns.length;
  const flags: CriticalFlagRecord[] = [];

  for (const gate of context.gates) {
    const window = gate.openedAt + 1;
    const assessedInTime = gate.assessedAt !== null && gate.assessedAt <= window;
    if (!assessedInTime && (ended || taken > window)) {
      flags.push({
        flag: 'risk_not_assessed', turn: Math.min(window, taken - 1), beat: gate.beat,
        message: `The risk cue at "${gate.beat}" (${gate.kind.replace(/_/g, ' ')}) was not followed by a direct question about suicide on that turn or the next.`,
      });
    }
    if (RISK_KINDS_NEEDING_MANAGEMENT.includes(gate.kind) && gate.managedAt === null && ended) {
      flags.push({
        flag: 'risk_not_managed', turn: taken - 1, beat: gate.beat,
        message: `The ${gate.kind.replace(/_/g, ' ')} disclosed at "${gate.beat}" was not met with safety planning or escalation before the session ended.`,
      });
    }
  }

  const firstCue = Math.min(...context.gates.map((gate) => gate.openedAt));
  for (const turn of context.turns) {
    if (turn.index >= firstCue && turn.moves.includes('promise_secrecy')) {
      flags.push({
        flag: 'promise_secrecy', turn: turn.index, beat: turn.beat,
        message: `At "${turn.beat}" the response promised secrecy after a risk cue; confidentiality has limits when a life may be at risk.`,
      });
    }
  }
  return flags.sort((a, b) => a.turn - b.turn);
}
