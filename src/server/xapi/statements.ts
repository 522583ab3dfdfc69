/**
 * xAPI 1.0.3 statements for an attempt, on the xAPI Serious Games profile
 * (xAPI-SG): `initialized` when it starts, `selected` for each turn (with
 * trust, safety and repair as result extensions), `completed` at an ending,
 * and `passed` or `failed` in assessment mode. docs/xapi.md documents every IRI.
 */
import { randomUUID } from 'node:crypto';

export const VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  selected: 'https://w3id.org/xapi/adb/verbs/selected',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
} as const;

export const ACTIVITY_TYPES = {
  seriousGame: 'https://w3id.org/xapi/seriousgames/activity-types/serious-game',
  dialogTree: 'https://w3id.org/xapi/seriousgames/activity-types/dialog-tree',
  profile: 'http://adlnet.gov/expapi/activities/profile',
} as const;

/** The xAPI-SG profile, named in every statement's context category. */
export const SERIOUS_GAMES_PROFILE = 'https://w3id.org/xapi/seriousgames';

/** Secure Base's own extension IRIs (docs/xapi.md). */
export const EXTENSION_BASE = 'https://w3id.org/securebase/xapi/extensions/';
export const EXTENSIONS = {
  trust: `${EXTENSION_BASE}trust`,
  safety: `${EXTENSION_BASE}safety`,
  repair: `${EXTENSION_BASE}repair`,
  rating: `${EXTENSION_BASE}rating`,
  beat: `${EXTENSION_BASE}beat`,
  mode: `${EXTENSION_BASE}mode`,
  scenarioHash: `${EXTENSION_BASE}scenario-hash`,
  rubricHash: `${EXTENSION_BASE}rubric-hash`,
  criticalFlags: `${EXTENSION_BASE}critical-flags`,
} as const;

export interface XapiAttempt {
  readonly id: string;
  readonly userId: string;
  readonly userName: string;
  readonly scenarioId: string;
  readonly scenarioTitle: string;
  readonly scenarioHash: string;
  readonly rubricHash: string;
  readonly mode: 'practice' | 'assessment';
  readonly startedAt: string;
}

export interface XapiScores {
  readonly trust: number;
  readonly safety: number;
  readonly repair: number | null;
}

export type Statement = Record<string, unknown> & { readonly id: string };

const display = (word: string) => ({ 'en-US': word });

export class StatementBuilder {
  /** `homePage` names the Secure Base installation: accounts and activities live under it. */
  constructor(private readonly homePage: string) {}

  private base(attempt: XapiAttempt, verb: keyof typeof VERBS, timestamp: string) {
    return {
      id: randomUUID(),
      actor: { objectType: 'Agent', name: attempt.userName, account: { homePage: this.homePage, name: attempt.userId } },
      verb: { id: VERBS[verb], display: display(verb) },
      timestamp,
      context: {
        registration: attempt.id,
        contextActivities: { category: [{ objectType: 'Activity', id: SERIOUS_GAMES_PROFILE, definition: { type: ACTIVITY_TYPES.profile } }] },
        extensions: { [EXTENSIONS.mode]: attempt.mode, [EXTENSIONS.scenarioHash]: attempt.scenarioHash, [EXTENSIONS.rubricHash]: attempt.rubricHash },
      },
    };
  }

  private game(attempt: XapiAttempt) {
    return {
      objectType: 'Activity',
      id: `${this.homePage}xapi/scenarios/${attempt.scenarioId}`,
      definition: { type: ACTIVITY_TYPES.seriousGame, name: display(attempt.scenarioTitle) },
    };
  }

  initialized(attempt: XapiAttempt): Statement {
    return { ...this.base(attempt, 'initialized', attempt.startedAt), object: this.game(attempt) };
  }

  selected(attempt: XapiAttempt, turn: { beat: string; response: string; rating: number; at: string }, scores: XapiScores): Statement {
    return {
      ...this.base(attempt, 'selected', turn.at),
      object: {
        objectType: 'Activity',
        id: `${this.homePage}xapi/scenarios/${attempt.scenarioId}/beats/${turn.beat}`,
        definition: { type: ACTIVITY_TYPES.dialogTree, name: display(`${attempt.scenarioTitle}: ${turn.beat}`) },
      },
      result: { response: turn.response, extensions: { ...scoreExtensions(scores), [EXTENSIONS.rating]: turn.rating } },
    };
  }

  completed(attempt: XapiAttempt, scores: XapiScores, flags: readonly string[], at: string): Statement {
    return {
      ...this.base(attempt, 'completed', at),
      object: this.game(attempt),
      result: { completion: true, duration: isoDuration(attempt.startedAt, at), score: score(scores), extensions: { ...scoreExtensions(scores), [EXTENSIONS.criticalFlags]: flags } },
    };
  }

  judged(attempt: XapiAttempt, passed: boolean, scores: XapiScores, at: string): Statement {
    return {
      ...this.base(attempt, passed ? 'passed' : 'failed', at),
      object: this.game(attempt),
      result: { success: passed, completion: true, duration: isoDuration(attempt.startedAt, at), score: score(scores), extensions: scoreExtensions(scores) },
    };
  }
}

/** Retracts a statement an LRS already has: practice mode's step back takes a choice back. */
export function voiding(statement: Statement, at: string): Statement {
  return {
    id: randomUUID(),
    actor: statement.actor,
    verb: { id: VERBS.voided, display: display('voided') },
    object: { objectType: 'StatementRef', id: statement.id },
    timestamp: at,
  };
}

function scoreExtensions(scores: XapiScores) {
  return { [EXTENSIONS.trust]: scores.trust, [EXTENSIONS.safety]: scores.safety, [EXTENSIONS.repair]: scores.repair };
}

/** The attempt's score for an LRS: its weakest dimension, since any one of them can fail an attempt. */
function score(scores: XapiScores) {
  const weakest = Math.min(scores.trust, scores.safety, scores.repair ?? 100);
  return { scaled: weakest / 100, raw: weakest, min: 0, max: 100 };
}

/** An ISO 8601 duration, e.g. PT12M5.25S. */
export function isoDuration(from: string, to: string): string {
  const total = Math.max(0, new Date(to).getTime() - new Date(from).getTime()) / 1000;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = Math.round((total % 60) * 100) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`;
}
