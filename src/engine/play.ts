/**
 * The engine for playing an already-checked scenario: compile, play, replay,
 * score. It leaves out the loader and the checker (YAML, schemas, analysis),
 * so the browser loads only what a session needs.
 */
export { ENGINE_SCORING_VERSION } from './version.js';
export { compile } from './compile.js';
export type { RespondEvent, ScenarioMachine } from './compile.js';
export { replay } from './replay.js';
export { shownOrder, startPlay } from './startPlay.js';
export type { Play } from './startPlay.js';
export { resultOf } from './result.js';
export type { AttemptResult, EpisodeResult, Scores } from './result.js';
export { DEFAULT_THRESHOLDS, judgeAttempt } from './scoring/mastery.js';
export type { Thresholds, Verdict } from './scoring/mastery.js';
export { describeCue } from './cue.js';
export { reviewTurns } from './review.js';
export type { ReviewOption, ReviewTurn } from './review.js';
export type { SessionContext, Turn } from './session/context.js';
export type { Beat, Ending, Response, Scenario } from './schema/scenario.js';
export type { Rubric } from './schema/rubric.js';
