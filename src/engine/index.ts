/**
 * The Secure Base engine: pure TypeScript, no DOM and no Node APIs, so the
 * browser game and the server run the very same rules.
 */
export { ENGINE_SCORING_VERSION } from './version.js';
export { CODES, SecureBaseError, formatProblem, isError } from './errors.js';
export type { Code, Problem, Severity } from './errors.js';
export { loadScenario } from './load/loadScenario.js';
export type { LoadedScenario, ScenarioLoadResult } from './load/loadScenario.js';
export { loadRubric } from './load/loadRubric.js';
export type { LoadedRubric, RubricLoadResult } from './load/loadRubric.js';
export { checkScenario, duplicateIdProblems } from './check.js';
export type { ScenarioCheck } from './check.js';
export { analyseScenario } from './analysis/analyze.js';
export { STRATEGIES, libraryCoverage, scenarioCoverage } from './analysis/coverage.js';
export type { LibraryCoverage, ScenarioCoverage } from './analysis/coverage.js';
export type { ScoreBounds } from './analysis/abstractPlay.js';
export { libraryValidity, scenarioValidity } from './analysis/validity.js';
export type { LibraryValidity, ScenarioValidity } from './analysis/validity.js';
export { gateRequirements, pendingRequirements } from './scoring/criticalFlags.js';
export { ScenarioSchema } from './schema/scenario.js';
export type { Beat, Branch, Condition, Ending, Response, Scenario } from './schema/scenario.js';
export { RubricSchema } from './schema/rubric.js';
export type { Rubric } from './schema/rubric.js';
export { compile, machineConfig } from './compile.js';
export type { RespondEvent, ScenarioMachine } from './compile.js';
export { offeredAt, replay } from './replay.js';
export { machineFor, shownOrder, startPlay } from './startPlay.js';
export type { Play, PlayOptions } from './startPlay.js';
export { shuffledFor } from './shuffle.js';
export { resultOf } from './result.js';
export { DEFAULT_THRESHOLDS, judgeAttempt } from './scoring/mastery.js';
export type { Thresholds, Verdict } from './scoring/mastery.js';
export type { AttemptResult, EpisodeResult, Scores } from './result.js';
export type { SessionContext, Turn } from './session/context.js';
export { canonicalJson, contentHash } from './hash.js';
export { describeCue } from './cue.js';
export { markerEncounterAt, markerEncounters } from './recognition.js';
export type { MarkerEncounter } from './recognition.js';
export { offersAt, reviewTurns } from './review.js';
export type { RatedReply, ReviewOption, ReviewTurn } from './review.js';
export type { TurnContext } from './scoring/evaluate.js';
export * as vocabulary from './vocabulary.js';
