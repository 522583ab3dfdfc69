/**
 * The validity suite (docs/scoring.md, "The validity suite"): whether a
 * scenario's scores measure what a clinician would judge rather than what a
 * reader can spot. Strategies that ignore the client (the worst reply, the
 * longest, the one with most techniques, random choice) must fail; clean,
 * competent play (the best reply every beat, and most clean walks) must pass.
 *
 * Every walk is played through `startPlay`, and every verdict is the engine's
 * own `judgeAttempt` with the default thresholds, so the suite adds no scoring
 * rule of its own: it only chooses replies. The best reply at a beat is the
 * engine's `turn.best`; ratings come from `offersAt`. Randomness is a seeded
 * mulberry32 with fixed seeds, so the same scenario and rubric always give the
 * same figures.
 */
import type { Rubric } from '../schema/rubric.js';
import type { Response, Scenario } from '../schema/scenario.js';
import { offersAt } from '../review.js';
import { judgeAttempt } from '../scoring/mastery.js';
import type { AttemptResult } from '../result.js';
import { branchesOf, harms } from '../session/step.js';
import { startPlay } from '../startPlay.js';
import type { Play } from '../startPlay.js';
import { pendingRequirements } from '../scoring/criticalFlags.js';
import type { Outcome } from '../vocabulary.js';

/** Walks per random policy (clean, random). */
export const VALIDITY_WALKS = 5000;
/** Complete paths are enumerated only where a scenario has at most this many. */
export const PATH_LIMIT = 100_000;
/** A walk or path that has not ended after this many turns stops: it reached no ending, so it does not pass. */
export const MAX_TURNS = 200;
/** Fixed seeds of the clean and the random walks. */
export const CLEAN_SEED = 0x9e3779b9;
export const RANDOM_SEED = 0x85ebca6b;
/** Every walk shows replies in the order of this attempt id; scores never depend on it. */
export const VALIDITY_ATTEMPT_ID = 'validity';

/** Outcomes the greedy best walk may end in. */
export const GREEDY_BEST_OUTCOMES: readonly Outcome[] = ['repaired', 'escalated', 'referred', 'held'];
/** Clean walks: at least 80 % pass. Random walks: at most 10 %. Best reply also the longest: at most 40 % of beats. */
export const CLEAN_MIN_PERCENT = 80;
export const RANDOM_MAX_PERCENT = 10;
export const BEST_IS_LONGEST_MAX_PERCENT = 40;
/**
 * Places in a beat's replies sorted longest first, as a fraction of the way
 * down (0 the longest, 1 the shortest; the reply at round(rank × (n − 1))).
 * A reader who learns that the right reply is never the longest, or never the
 * shortest, could play the middle: every fixed place must fail, as the longest
 * must. The longest has a row of its own.
 */
export const LENGTH_RANKS = [0.25, 0.5, 0.75, 1] as const;
export const LENGTH_RANK_NAMES: Readonly<Record<(typeof LENGTH_RANKS)[number], string>> = {
  0.25: 'upper quartile', 0.5: 'median', 0.75: 'lower quartile', 1: 'shortest',
};

export interface ValidityOptions {
  readonly walks?: number;
  readonly pathLimit?: number;
  readonly maxTurns?: number;
}

/** One deterministic policy played once. */
export interface PolicyRun {
  /** judgeAttempt with the default thresholds, and an ending reached. */
  readonly passed: boolean;
  readonly ending: string | null;
  readonly outcome: Outcome | null;
  readonly turns: number;
  readonly choices: readonly string[];
  /** Critical flags raised. */
  readonly flags: readonly string[];
  /** Why it did not pass (judgeAttempt's reasons); empty when it passed. */
  readonly reasons: readonly string[];
  /** Whether the row's requirement holds. */
  readonly holds: boolean;
}

export interface WalkRow {
  readonly walks: number;
  readonly passed: number;
  readonly holds: boolean;
}

export interface BestIsLongest {
  /** Beats reached by some walk of the suite: each beat's best is taken in the context of the first walk that reaches it. */
  readonly beats: number;
  /** Of those, beats whose best reply is also the longest (ties for longest count). */
  readonly longest: number;
  /** The beats counted in `longest`. */
  readonly longestAt: readonly string[];
  /** Beats no walk reached, left out of both counts. */
  readonly unreached: readonly string[];
}

export type PathCount =
  /** Every complete path was played. */
  | { readonly status: 'enumerated'; readonly paths: number; readonly repairedWithFlag: number }
  /** More than the limit: proved without playing them, or found by playing past the limit. */
  | { readonly status: 'too-many'; readonly atLeast: number }
  /** Some path runs past MAX_TURNS (a loop play can repeat): not enumerated. */
  | { readonly status: 'unbounded' };

/**
 * Places in a beat's replies as the file lists them: the first, the middle,
 * the last. File order carries no meaning (replies are shown shuffled), so a
 * program that reads the file, or an author's habit of writing the best reply
 * first, must give nothing away: each place must fail.
 */
export const FILE_PLACES = [0, 0.5, 1] as const;
export const FILE_PLACE_NAMES: Readonly<Record<(typeof FILE_PLACES)[number], string>> = { 0: 'first', 0.5: 'middle', 1: 'last' };

/** The reply at one fixed place in the file, every beat. */
export interface FilePlaceRun extends PolicyRun {
  readonly place: (typeof FILE_PLACES)[number];
}

export interface FilePlacesRow {
  readonly runs: readonly FilePlaceRun[];
  readonly holds: boolean;
}

/** The reply at one fixed length rank, every beat. */
export interface LengthRankRun extends PolicyRun {
  readonly rank: (typeof LENGTH_RANKS)[number];
}

/** Every fixed length rank other than the longest: each must fail. */
export interface LengthRanksRow {
  readonly runs: readonly LengthRankRun[];
  readonly holds: boolean;
}

export interface RepairedWithFlag {
  /** Walks of the suite (the four policies, the clean and the random walks) that ended `repaired` with a critical flag. */
  readonly walks: number;
  readonly of: number;
  readonly paths: PathCount;
  readonly holds: boolean;
}

export interface ScenarioValidity {
  readonly scenario: string;
  readonly greedyBest: PolicyRun;
  readonly greedyWorst: PolicyRun;
  readonly longest: PolicyRun;
  readonly mostMoves: PolicyRun;
  readonly lengthRanks: LengthRanksRow;
  readonly filePlaces: FilePlacesRow;
  readonly clean: WalkRow;
  readonly random: WalkRow;
  /** Judged across the library, not per scenario. */
  readonly bestIsLongest: BestIsLongest;
  readonly repairedWithFlag: RepairedWithFlag;
  /** Every per-scenario row holds (all but bestIsLongest). */
  readonly holds: boolean;
}

export interface LibraryValidity {
  readonly scenarios: readonly ScenarioValidity[];
  /** Tutorials, left out. */
  readonly skipped: readonly string[];
  readonly bestIsLongest: { readonly beats: number; readonly longest: number; readonly holds: boolean };
  /** How many requirements fail, across the scenarios and the library row. */
  readonly failures: number;
  readonly holds: boolean;
}

/** mulberry32: a small seeded generator; `below(n)` is an integer in [0, n). */
function generator(seed: number): { below(n: number): number } {
  let state = seed >>> 0;
  return {
    below(n: number): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    },
  };
}

type Policy = (play: Play) => Response;

interface Walk {
  readonly result: AttemptResult;
  readonly passed: boolean;
}

function playWalk(scenario: Scenario, rubric: Rubric, policy: Policy, maxTurns: number): Walk {
  const play = startPlay(scenario, rubric, { attemptId: VALIDITY_ATTEMPT_ID });
  try {
    while (!play.ended && play.turns.length < maxTurns) play.choose(policy(play).id);
    const { result } = play;
    return { result, passed: result.ending !== null && judgeAttempt(result).passed };
  } finally {
    play.stop();
  }
}

const beatOf = (play: Play) => play.beat!;
const say = (response: Response) => response.say.length;

/** The first of `items` that no later one beats (`better(a, b)`: a beats b). */
function top<T>(items: readonly T[], better: (a: T, b: T) => boolean): T {
  return items.reduce((best, item) => (better(item, best) ? item : best));
}

/**
 * The engine's best reply in the current context: `turn.best` of a turn taken
 * here. It is the same whichever reply the turn took, so a probe that replays
 * the attempt and takes any reply tells it, with no second copy of the rule.
 */
function greedyBest(scenario: Scenario, rubric: Rubric): Policy {
  return (play) => {
    const probe = startPlay(scenario, rubric, {
      attemptId: VALIDITY_ATTEMPT_ID,
      choices: [...play.turns.map((turn) => turn.response), play.offered[0]!.id],
    });
    const best = probe.lastTurn!.best;
    probe.stop();
    return play.offered.find((response) => response.id === best)!;
  };
}

/** The lowest rating, then the smaller change to trust plus safety, then the longest `say`, then file order. */
function greedyWorst(scenario: Scenario, rubric: Rubric): Policy {
  return (play) => top(offersAt(scenario, rubric, play.context).replies, (a, b) =>
    a.rating !== b.rating ? a.rating < b.rating
      : a.trust + a.safety !== b.trust + b.safety ? a.trust + a.safety < b.trust + b.safety
        : say(a.response) > say(b.response)).response;
}

/** The longest `say`, then file order. */
const longestReply: Policy = (play) => top(beatOf(play).responses, (a, b) => say(a) > say(b));

/** The most moves, then the longest `say`, then file order. */
const mostMoves: Policy = (play) => top(beatOf(play).responses, (a, b) =>
  a.moves.length !== b.moves.length ? a.moves.length > b.moves.length : say(a) > say(b));

/** The reply at `rank` of the beat's replies sorted longest first (ties by id, so file order plays no part). */
const atLengthRank = (rank: number): Policy => (play) => {
  const sorted = [...beatOf(play).responses].sort((a, b) => say(b) - say(a) || (a.id < b.id ? -1 : 1));
  return sorted[Math.round(rank * (sorted.length - 1))]!;
};

/** The reply at `place` of the beat's replies in file order. */
const atFilePlace = (place: number): Policy => (play) => {
  const { responses } = beatOf(play);
  return responses[Math.round(place * (responses.length - 1))]!;
};

const uniform = (next: ReturnType<typeof generator>): Policy => (play) => play.offered[next.below(play.offered.length)]!;


/**
 * Clean play: uniform among the replies with no unhelpful or unsafe move (any
 * reply where there is none). While a safety-gate requirement is pending and
 * some offered reply meets one, only among the replies that meet one (and of
 * those, the clean ones where there are any).
 */
function clean(scenario: Scenario, rubric: Rubric, next: ReturnType<typeof generator>): Policy {
  return (play) => {
    const offered = play.offered;
    const pending = pendingRequirements(scenario, play.context);
    const meeting = pending.length
      ? offered.filter((response) => pending.some((moves) => moves.some((move) => response.moves.includes(move))))
      : [];
    const pool = meeting.length ? meeting : offered;
    const harmless = pool.filter((response) => !harms(rubric, response.moves));
    const from = harmless.length ? harmless : pool;
    return from[next.below(from.length)]!;
  };
}

function policyRun(walk: Walk, holds: (walk: Walk) => boolean): PolicyRun {
  const { result } = walk;
  return {
    passed: walk.passed,
    ending: result.ending,
    outcome: result.outcome,
    turns: result.turns.length,
    choices: result.turns.map((turn) => turn.response),
    flags: result.flags.map((flag) => flag.flag),
    reasons: walk.passed ? [] : result.ending === null
      ? [`No ending after ${result.turns.length} turns.`]
      : judgeAttempt(result).reasons,
    holds: holds(walk),
  };
}

const repairedWithFlag = (result: AttemptResult) => result.outcome === 'repaired' && result.flags.length > 0;

/**
 * A lower bound on the number of complete paths, from the graph alone: a reply
 * takes exactly one of its branches, so from any state at a beat there are at
 * least as many paths as the sum, over its replies, of the fewest any branch
 * leads to. Iterated up to `maxTurns` turns, or until it passes `limit`.
 */
export function pathLowerBound(scenario: Scenario, limit: number, maxTurns: number): number {
  const beats = Object.keys(scenario.beats);
  let count = new Map(beats.map((id) => [id, 0]));
  const of = (id: string) => (scenario.endings[id] ? 1 : count.get(id) ?? 0);
  for (let turns = 1; turns <= maxTurns; turns++) {
    const next = new Map<string, number>();
    for (const id of beats) {
      let total = 0;
      for (const response of scenario.beats[id]!.responses) total += Math.min(...branchesOf(response).map((branch) => of(branch.to)));
      next.set(id, Math.min(total, limit + 1));
    }
    const settled = beats.every((id) => next.get(id) === count.get(id));
    count = next;
    if (settled || of(scenario.start) > limit) break;
  }
  return of(scenario.start);
}

/**
 * Every complete path, depth first, each played through `startPlay` from the
 * start: stops past `limit` paths, or at a path longer than `maxTurns`.
 */
export function enumeratePaths(scenario: Scenario, rubric: Rubric, limit: number, maxTurns: number): PathCount {
  const lower = pathLowerBound(scenario, limit, maxTurns);
  if (lower > limit) return { status: 'too-many', atLeast: lower };
  const path: string[] = [];
  /** The replies offered at each depth of the current path, and which one it took. */
  const offered: string[][] = [];
  const taken: number[] = [];
  let paths = 0;
  let flagged = 0;
  for (;;) {
    const play = startPlay(scenario, rubric, { attemptId: VALIDITY_ATTEMPT_ID, choices: path });
    try {
      while (!play.ended) {
        if (path.length >= maxTurns) return { status: 'unbounded' };
        const ids = play.offered.map((response) => response.id);
        offered.push(ids);
        taken.push(0);
        path.push(ids[0]!);
        play.choose(ids[0]!);
      }
      paths++;
      if (paths > limit) return { status: 'too-many', atLeast: paths };
      if (repairedWithFlag(play.result)) flagged++;
    } finally {
      play.stop();
    }
    let depth = path.length - 1;
    while (depth >= 0 && taken[depth]! + 1 >= offered[depth]!.length) depth--;
    if (depth < 0) return { status: 'enumerated', paths, repairedWithFlag: flagged };
    taken[depth]!++;
    path.length = offered.length = taken.length = depth + 1;
    path[depth] = offered[depth]![taken[depth]!]!;
  }
}

export function scenarioValidity(scenario: Scenario, rubric: Rubric, options: ValidityOptions = {}): ScenarioValidity {
  const walks = options.walks ?? VALIDITY_WALKS;
  const maxTurns = options.maxTurns ?? MAX_TURNS;
  const best = new Map<string, string>();
  let flaggedWalks = 0;
  let walked = 0;
  const run = (policy: Policy): Walk => {
    const walk = playWalk(scenario, rubric, policy, maxTurns);
    walked++;
    if (repairedWithFlag(walk.result)) flaggedWalks++;
    for (const turn of walk.result.turns) if (!best.has(turn.beat)) best.set(turn.beat, turn.best);
    return walk;
  };
  const fails = (walk: Walk) => !walk.passed;

  const greedyBestRun = policyRun(run(greedyBest(scenario, rubric)),
    (walk) => walk.passed && walk.result.outcome !== null && GREEDY_BEST_OUTCOMES.includes(walk.result.outcome));
  const greedyWorstRun = policyRun(run(greedyWorst(scenario, rubric)), fails);
  const longestRun = policyRun(run(longestReply), fails);
  const mostMovesRun = policyRun(run(mostMoves), fails);
  const rankRuns = LENGTH_RANKS.map((rank): LengthRankRun => ({ ...policyRun(run(atLengthRank(rank)), fails), rank }));
  const lengthRanks: LengthRanksRow = { runs: rankRuns, holds: rankRuns.every((r) => r.holds) };
  const placeRuns = FILE_PLACES.map((place): FilePlaceRun => ({ ...policyRun(run(atFilePlace(place)), fails), place }));
  const filePlaces: FilePlacesRow = { runs: placeRuns, holds: placeRuns.every((r) => r.holds) };

  const walkRow = (policy: Policy, holds: (passed: number) => boolean): WalkRow => {
    let passed = 0;
    for (let i = 0; i < walks; i++) if (run(policy).passed) passed++;
    return { walks, passed, holds: holds(passed) };
  };
  const cleanRow = walkRow(clean(scenario, rubric, generator(CLEAN_SEED)), (passed) => passed * 100 >= CLEAN_MIN_PERCENT * walks);
  const randomRow = walkRow(uniform(generator(RANDOM_SEED)), (passed) => passed * 100 <= RANDOM_MAX_PERCENT * walks);

  const longestAt: string[] = [];
  for (const [beatId, bestId] of best) {
    const responses = scenario.beats[beatId]!.responses;
    const longest = Math.max(...responses.map(say));
    if (say(responses.find((response) => response.id === bestId)!) === longest) longestAt.push(beatId);
  }
  const beatIds = Object.keys(scenario.beats);
  const bestIsLongest: BestIsLongest = {
    beats: best.size,
    longest: longestAt.length,
    longestAt: beatIds.filter((id) => longestAt.includes(id)),
    unreached: beatIds.filter((id) => !best.has(id)),
  };

  const paths = enumeratePaths(scenario, rubric, options.pathLimit ?? PATH_LIMIT, maxTurns);
  const repaired: RepairedWithFlag = {
    walks: flaggedWalks,
    of: walked,
    paths,
    holds: flaggedWalks === 0 && (paths.status !== 'enumerated' || paths.repairedWithFlag === 0),
  };

  return {
    scenario: scenario.id,
    greedyBest: greedyBestRun,
    greedyWorst: greedyWorstRun,
    longest: longestRun,
    mostMoves: mostMovesRun,
    lengthRanks,
    filePlaces,
    clean: cleanRow,
    random: randomRow,
    bestIsLongest,
    repairedWithFlag: repaired,
    holds: [greedyBestRun, greedyWorstRun, longestRun, mostMovesRun, lengthRanks, filePlaces, cleanRow, randomRow, repaired].every((row) => row.holds),
  };
}

/** How many of a scenario's rows fail (the library row is counted once, in `libraryValidity`). */
export function failingRows(validity: ScenarioValidity): number {
  const { greedyBest: a, greedyWorst: b, longest: c, mostMoves: d, lengthRanks: h, filePlaces: i, clean: e, random: f, repairedWithFlag: g } = validity;
  return [a, b, c, d, h, i, e, f, g].filter((row) => !row.holds).length;
}

/** The suite over a library: tutorials are skipped; the best-is-longest row is judged across the rest. */
export function libraryValidity(entries: readonly { scenario: Scenario; rubric: Rubric }[], options: ValidityOptions = {}): LibraryValidity {
  const skipped = entries.filter((e) => e.scenario.kind === 'tutorial').map((e) => e.scenario.id);
  const scenarios = entries.filter((e) => e.scenario.kind !== 'tutorial').map((e) => scenarioValidity(e.scenario, e.rubric, options));
  return summarise(scenarios, skipped);
}

/** The library figures from scenarios already run. */
export function summarise(scenarios: readonly ScenarioValidity[], skipped: readonly string[]): LibraryValidity {
  const beats = scenarios.reduce((sum, s) => sum + s.bestIsLongest.beats, 0);
  const longest = scenarios.reduce((sum, s) => sum + s.bestIsLongest.longest, 0);
  const libraryHolds = longest * 100 <= BEST_IS_LONGEST_MAX_PERCENT * beats;
  const failures = scenarios.reduce((sum, s) => sum + failingRows(s), 0) + (libraryHolds ? 0 : 1);
  return { scenarios, skipped, bestIsLongest: { beats, longest, holds: libraryHolds }, failures, holds: failures === 0 };
}
