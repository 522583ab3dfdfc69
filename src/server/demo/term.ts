/**
 * The twelve weeks the demo covers, ending today, and what each cohort is
 * assigned over them. Days count from the term's first day; the term ends at
 * today's midnight (UTC), so every session lies in the past and the last two
 * assignments fall due in the days ahead.
 */
import { DEFAULT_THRESHOLDS } from '../../engine/index.js';
import type { Thresholds } from '../../engine/index.js';

export const TERM_DAYS = 84;
const DAY_MS = 86_400_000;

/** The simulated time the server functions read through ServerContext.now. */
export class Clock {
  private at: Date;

  constructor(start: Date) {
    this.at = start;
  }

  readonly now = (): Date => this.at;

  set(at: Date): void {
    this.at = at;
  }
}

export class Calendar {
  /** Midnight (UTC) of the term's first day. */
  readonly start: Date;

  constructor(readonly today: Date) {
    const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    this.start = new Date(midnight - TERM_DAYS * DAY_MS);
  }

  /** A time on a day of the term (days may be negative, before it starts, or beyond its end). */
  at(day: number, hours = 0): Date {
    return new Date(this.start.getTime() + day * DAY_MS + Math.round(hours * 3_600_000));
  }

  dayOf(time: Date): number {
    return (time.getTime() - this.start.getTime()) / DAY_MS;
  }
}

export interface PlannedAssignment {
  readonly scenarioId: string;
  readonly mode: 'practice' | 'assessment';
  readonly dueDay: number;
  /** Set a few weeks ahead of its due date, or before the term for the first ones. */
  readonly setDay: number;
  readonly thresholds: Thresholds;
}

/** Due every fortnight at 17:00, two of them after today; an assessment follows every practice round. */
const ROUNDS = [
  { dueDay: 13, mode: 'practice' }, { dueDay: 27, mode: 'practice' }, { dueDay: 41, mode: 'assessment' },
  { dueDay: 55, mode: 'practice' }, { dueDay: 69, mode: 'assessment' }, { dueDay: 88, mode: 'practice' }, { dueDay: 97, mode: 'assessment' },
] as const;
const DUE_HOUR = 17;

const FIRST_YEAR: Thresholds = DEFAULT_THRESHOLDS;
/** Second-year trainees are held to a higher bar for Trust and Repair on assessments. */
const SECOND_YEAR_ASSESSMENT: Thresholds = { ...DEFAULT_THRESHOLDS, trust: 65, repair: 65 };

export function termAssignments(scenarioIds: readonly string[], rotation: number, secondYear: boolean): PlannedAssignment[] {
  return ROUNDS.map((round, i) => ({
    scenarioId: scenarioIds[(rotation + i) % scenarioIds.length]!,
    mode: round.mode,
    dueDay: round.dueDay + DUE_HOUR / 24,
    setDay: Math.max(-3, round.dueDay - 21) + 9 / 24,
    thresholds: secondYear && round.mode === 'assessment' ? SECOND_YEAR_ASSESSMENT : FIRST_YEAR,
  }));
}
