/** What GET /api/program answers: the programme page's data, shared by the server (which builds it) and the page (which shows it). */

export interface ProgramRange {
  /** Inclusive start, ISO time. */
  readonly from: string;
  /** Exclusive end, ISO time. */
  readonly to: string;
}

export interface ProgramScores {
  readonly trust: number | null;
  readonly safety: number | null;
  readonly repair: number | null;
}

export interface CohortSummary {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly trainees: number;
  /** Assignments due in the range. */
  readonly assignments: number;
  readonly attemptsStarted: number;
  readonly attemptsFinished: number;
  /** Trainee × assignment pairs due in the range: done, overdue (past due, not done), still open. */
  readonly due: { readonly done: number; readonly overdue: number; readonly open: number };
  /** Means over the cohort's finished attempts in the range. */
  readonly mean: ProgramScores;
  readonly flaggedAttempts: number;
}

export interface TraineePoint {
  readonly attemptId: string;
  readonly at: string;
  readonly scenarioId: string;
  readonly mode: string;
  readonly trust: number;
  readonly safety: number;
  readonly repair: number | null;
  readonly passed: boolean | null;
  readonly flags: readonly string[];
}

export interface TraineeProgress {
  readonly id: string;
  readonly name: string;
  readonly cohortIds: readonly string[];
  /** Finished attempts in the range, oldest first. */
  readonly attempts: readonly TraineePoint[];
  readonly started: number;
}

export interface WeeklyTrend {
  readonly cohortId: string;
  /** Monday of the week (UTC), YYYY-MM-DD. */
  readonly week: string;
  readonly attempts: number;
  readonly mean: ProgramScores;
}

export interface MarkerRecognition {
  readonly cohortId: string;
  readonly marker: string;
  /** Turns taken at a beat with this marker, and how many of them engaged it. */
  readonly met: number;
  readonly engaged: number;
}

export interface Incident {
  readonly attemptId: string;
  readonly traineeId: string;
  readonly trainee: string;
  readonly cohortIds: readonly string[];
  readonly scenarioId: string;
  readonly flags: readonly string[];
  readonly at: string;
  readonly signedOff: boolean;
}

export interface ProgramOverview {
  readonly range: ProgramRange;
  readonly cohorts: readonly CohortSummary[];
  readonly trainees: readonly TraineeProgress[];
  readonly trends: readonly WeeklyTrend[];
  readonly recognition: readonly MarkerRecognition[];
  readonly incidents: readonly Incident[];
}

const DAY = 86_400_000;

/** Monday 00:00 UTC of the week containing `iso`. */
export function weekOf(iso: string): string {
  const date = new Date(iso);
  const monday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - ((date.getUTCDay() + 6) % 7) * DAY;
  return new Date(monday).toISOString().slice(0, 10);
}
