/**
 * What a library covers of the clinical ground: the 3RS rupture markers, the
 * resolution strategies offered as good responses, attachment styles, risk
 * kinds, settings, which rupture types meet immediate and expressive repairs,
 * and which ruptures grow out of low trust rather than only an authored line:
 * a `when` branch whose trust bound selects low trust (`lt`, or `lte` below the
 * top of the scale) and leads to a marker beat. A `gte` or `gt` bound alone
 * selects high trust, so it does not count.
 * A strategy counts as offered well when a response uses it with no unhelpful
 * or unsafe move beside it. Tutorials teach the game, not the clinical ground,
 * so they are listed but not counted.
 */
import type { Rubric } from '../schema/rubric.js';
import type { Condition, Scenario } from '../schema/scenario.js';
import { ATTACHMENT_STYLES, FORMAT_MOVES, MARKERS, RISK_KINDS, SETTINGS, ruptureTypeOf } from '../vocabulary.js';
import type { AttachmentStyle, Marker, RiskKind, RuptureType, Setting } from '../vocabulary.js';

export const STRATEGIES = Object.keys(FORMAT_MOVES).filter((move) => move.startsWith('res_'));

export interface ScenarioCoverage {
  readonly id: string;
  readonly attachment: AttachmentStyle;
  readonly markers: readonly Marker[];
  readonly strategies: readonly string[];
  readonly risks: readonly RiskKind[];
  /** e.g. "withdrawal/repair_immediate": a marker of that type offered a good repair of that kind. */
  readonly pairings: readonly string[];
  readonly setting: Setting | null;
  /** Marker beats reached by a `when` that selects low trust (`lt`/`lte`): ruptures that grow out of low trust. */
  readonly trustRuptures: readonly string[];
}

export interface LibraryCoverage {
  readonly scenarios: readonly ScenarioCoverage[];
  /** For each list, what the library covers and what it misses. */
  readonly markers: { readonly covered: readonly string[]; readonly missing: readonly string[] };
  readonly strategies: { readonly covered: readonly string[]; readonly missing: readonly string[] };
  readonly attachment: Readonly<Record<AttachmentStyle, number>>;
  readonly risks: { readonly covered: readonly string[]; readonly missing: readonly string[] };
  readonly pairings: { readonly covered: readonly string[]; readonly missing: readonly string[] };
  readonly settings: { readonly covered: readonly string[]; readonly missing: readonly string[] };
  /** Ids of the scenarios with a rupture that grows out of low trust. */
  readonly trustRuptures: readonly string[];
  /** Ids of the tutorials, which the counts above leave out. */
  readonly tutorials: readonly string[];
}

const PAIRINGS = (['withdrawal', 'confrontation'] as const).flatMap((type: RuptureType) =>
  ['repair_immediate', 'repair_expressive'].map((kind) => `${type}/${kind}`));

const sorted = <T extends string>(items: Iterable<T>): T[] => [...new Set(items)].sort();

/** Whether a condition holds only below some trust: an upper bound (`lt`, or `lte` under 100) on trust. */
function selectsLowTrust(when: Condition | undefined): boolean {
  const trust = when?.trust;
  if (!trust) return false;
  return trust.lt !== undefined || (trust.lte !== undefined && trust.lte < 100);
}

export function scenarioCoverage(scenario: Scenario, rubric: Rubric): ScenarioCoverage {
  const markers: Marker[] = [];
  const strategies: string[] = [];
  const risks: RiskKind[] = [];
  const pairings: string[] = [];
  const trustRuptures: string[] = [];
  for (const beat of Object.values(scenario.beats)) {
    if (beat.marker) markers.push(beat.marker);
    if (beat.risk) risks.push(beat.risk);
    for (const response of beat.responses) {
      if (Array.isArray(response.next)) {
        for (const branch of response.next) {
          if (selectsLowTrust(branch.when) && scenario.beats[branch.to]?.marker) trustRuptures.push(branch.to);
        }
      }
      const kinds = response.moves.map((move) => rubric.moves[move]?.kind);
      if (kinds.some((kind) => kind === 'unhelpful' || kind === 'unsafe')) continue;
      response.moves.forEach((move, i) => {
        if (!STRATEGIES.includes(move)) return;
        strategies.push(move);
        if (beat.marker) pairings.push(`${ruptureTypeOf(beat.marker)}/${kinds[i]}`);
      });
    }
  }
  return { id: scenario.id, attachment: scenario.client.attachment, markers: sorted(markers), strategies: sorted(strategies), risks: sorted(risks), pairings: sorted(pairings), setting: scenario.setting ?? null, trustRuptures: sorted(trustRuptures) };
}

function split(all: readonly string[], covered: Iterable<string>) {
  const have = new Set(covered);
  return { covered: all.filter((item) => have.has(item)), missing: all.filter((item) => !have.has(item)) };
}

export function libraryCoverage(scenarios: readonly Scenario[], rubric: Rubric): LibraryCoverage {
  const isTutorial = (scenario: Scenario) => scenario.kind === 'tutorial';
  const each = scenarios.filter((scenario) => !isTutorial(scenario)).map((scenario) => scenarioCoverage(scenario, rubric));
  const attachment = Object.fromEntries(ATTACHMENT_STYLES.map((style) => [style, each.filter((c) => c.attachment === style).length])) as Record<AttachmentStyle, number>;
  return {
    scenarios: each,
    markers: split(MARKERS, each.flatMap((c) => c.markers)),
    strategies: split(STRATEGIES, each.flatMap((c) => c.strategies)),
    attachment,
    risks: split(RISK_KINDS, each.flatMap((c) => c.risks)),
    pairings: split(PAIRINGS, each.flatMap((c) => c.pairings)),
    settings: split(SETTINGS, each.flatMap((c) => (c.setting ? [c.setting] : []))),
    trustRuptures: each.filter((c) => c.trustRuptures.length > 0).map((c) => c.id),
    tutorials: scenarios.filter(isTutorial).map((scenario) => scenario.id),
  };
}
