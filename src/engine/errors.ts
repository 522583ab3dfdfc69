/**
 * The one catalogue of Secure Base error and warning codes.
 *
 * Codes are stable: tools, tests and (later) API clients match on them. A retired
 * code MUST NOT be reused. Each entry's `title` is the short name shown in reports;
 * docs/errors.md lists every code with what to do about it.
 */

export type Severity = 'error' | 'warning';

interface CodeInfo {
  readonly severity: Severity;
  readonly title: string;
}

export const CODES = {
  // Reading files
  SB_YAML_SYNTAX: { severity: 'error', title: 'YAML syntax error' },
  SB_YAML_DUPLICATE_KEY: { severity: 'error', title: 'duplicate key' },
  SB_FILE_NOT_FOUND: { severity: 'error', title: 'no such file' },
  SB_FILE_UNREADABLE: { severity: 'error', title: 'file cannot be read' },
  SB_FILE_NAME_MISMATCH: { severity: 'warning', title: 'file name differs from id' },
  SB_ID_NOT_UNIQUE_IN_LIBRARY: { severity: 'error', title: 'scenario id used twice' },

  // The shape of a field
  SB_FIELD_REQUIRED: { severity: 'error', title: 'required field missing' },
  SB_FIELD_UNKNOWN: { severity: 'error', title: 'unknown field' },
  SB_FIELD_TYPE: { severity: 'error', title: 'wrong kind of value' },
  SB_FIELD_VALUE: { severity: 'error', title: 'value not allowed' },
  SB_FIELD_FORMAT: { severity: 'error', title: 'badly formed value' },
  SB_FIELD_RANGE: { severity: 'error', title: 'value out of range' },

  // Ids and references within a scenario
  SB_ID_UNKNOWN: { severity: 'error', title: 'unknown beat or ending' },
  SB_ID_COLLISION: { severity: 'error', title: 'id used twice' },
  SB_START_NOT_BEAT: { severity: 'error', title: 'start is not a beat' },
  SB_MOVE_UNKNOWN: { severity: 'error', title: 'unknown move' },
  SB_MOVE_REPEATED: { severity: 'error', title: 'move repeated in a response' },
  SB_BRANCH_ORDER: { severity: 'error', title: 'branches out of order' },
  SB_MARKER_WITH_RESOLVES: { severity: 'error', title: 'marker and resolves on one beat' },
  SB_RISK_QUESTION_PENALISED: { severity: 'error', title: 'direct risk question penalised' },
  SB_IMMINENT_WITHOUT_PLAN: { severity: 'error', title: 'imminent on a beat without a plan or intent' },

  // The scenario as a graph (the checker)
  SB_UNREACHABLE: { severity: 'error', title: 'unreachable beat or ending' },
  SB_TRAP: { severity: 'error', title: 'beat with no way to an ending' },
  SB_MARKER_WITHOUT_REPAIR: { severity: 'error', title: 'marker with no repair on offer' },
  SB_RISK_WITHOUT_QUESTION: { severity: 'error', title: 'risk cue with no direct question on offer' },
  SB_WHEN_DEAD: { severity: 'warning', title: 'branch that can never be taken' },
  SB_ONLY_DEAD_ROUTES: { severity: 'warning', title: 'reachable only through dead branches' },
  SB_RESOLVES_WITHOUT_EPISODE: { severity: 'warning', title: 'resolves with no rupture open' },
  SB_STAGE_WITHOUT_EPISODE: { severity: 'warning', title: 'stage with no rupture open' },
  SB_RISK_UNMANAGEABLE: { severity: 'warning', title: 'risk cue that cannot be managed' },
  SB_FLAG_NEVER_SET: { severity: 'warning', title: 'flag tested but never set' },

  // The rubric
  SB_RUBRIC_MOVE_MISSING: { severity: 'error', title: 'rubric lacks a move of the format' },
  SB_RUBRIC_KIND_MISMATCH: { severity: 'error', title: 'move of the wrong kind' },
  SB_RUBRIC_CITATION_UNKNOWN: { severity: 'error', title: 'unknown citation key' },
  SB_RUBRIC_RISK_QUESTION_PENALISED: { severity: 'error', title: 'rubric can lower trust for a direct risk question' },
  SB_RUBRIC_PENALTY_MISSING: { severity: 'error', title: 'harmful move costs repair nothing' },

  // Playing and replaying
  SB_REPLAY_NOT_OFFERED: { severity: 'error', title: 'response not offered at this turn' },
  SB_REPLAY_AFTER_ENDING: { severity: 'error', title: 'choice after the session ended' },

  // The command line
  SB_CLI_USAGE: { severity: 'error', title: 'command used wrongly' },
  SB_CLI_DATABASE: { severity: 'error', title: 'the database refused the command' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

/** Where in a source file something is; lines and columns count from 1. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One thing wrong (or doubtful) in an author's file, located and explained. */
export interface Problem extends SourcePosition {
  readonly code: Code;
  readonly severity: Severity;
  /** The field path, e.g. `beats.opening.responses[1].next`. */
  readonly path: string;
  readonly message: string;
  /** What to do about it, in an author's words. */
  readonly hint?: string;
}

/** An error raised by the engine at run time (not while reading a file). */
export class SecureBaseError extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: Code, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SecureBaseError';
    this.code = code;
    this.details = details;
  }
}

export function isError(problem: Problem): boolean {
  return problem.severity === 'error';
}

/** `file:line:col` followed by the severity, code and message, then the hint. */
export function formatProblem(problem: Problem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const head = `${where} ${problem.severity} ${problem.code}: ${problem.message}`;
  const at = problem.path ? `\n    field: ${problem.path}` : '';
  return problem.hint ? `${head}${at}\n    hint: ${problem.hint}` : `${head}${at}`;
}
