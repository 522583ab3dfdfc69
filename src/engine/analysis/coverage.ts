/**
 * What a library covers of the clinical ground: the 3RS rupture markers, the
 * resolution strategies offered as good responses, attachment styles, risk
 * kinds, and which rupture types meet immediate and expressive repairs.
 * A strategy counts as offered well when a response uses it with no unhelpful
 * or unsafe move beside it.
 */
import type { Rubric } from '../schema/rubric.js';
import type { Scenario } from '../schema/scenario.js';
import { ATTACHMENT_STYLES, FORMAT_MOVES, MARKERS, RISK_KINDS, ruptureTypeOf } from '../vocabulary.js';
import type { AttachmentStyle, Marker, RiskKind, RuptureType } from '../vocabulary.js';

export const STRATEGIES = Object.keys(FORMAT_MOVES).filter((move) => move.startsWith('res_'));

export interface ScenarioCoverage {
  readonly id: string;
  readonly attachment: AttachmentStyle;
  readonly markers: readonly Marker[];
  readonly strategies: readonly string[];
  readonly risks: readonly RiskKind[];
  /** e.g. "withdrawal/repair_immediate": a marker of that type offered a good repair of that kind. */
  readonly pairings: readonly string[];
}

export interface LibraryCoverage {
  readonly scenarios: readonly ScenarioCoverage[];
  /** For each list, what the library covers and what it misses. */
  readonly markers: { readonly covered: readonly string[]; readonly missing: readonly string[] };
  readonly strategies: { readonly covered: readonly string[]; readonly missing: readonly string[] };
  readonly attachment: Readonly<Record<AttachmentStyle, number>>;
  readonly risks: { readonly covered: readonly string[]; readonly missing: readonly string[] };
  readonly pairings: { readonly covered: readonly string[]; readonly missing: readonly string[] };
}

const PAIRINGS = (['withdrawal', 'confrontation'] as const).flatMap((type: RuptureType) =>
  ['repair_immediate', 'repair_expressive'].map((kind) => `${type}/${kind}`));

const sorted = <T extends string>(items: Iterable<T>): T[] => [...new Set(items)].sort();

export function scenarioCoverage(scenario: Scenario, rubric: Rubric): ScenarioCoverage {
  const markers: Marker[] = [];
  const strategies: string[] = [];
  const risks: RiskKind[] = [];
  const pairings: string[] = [];
  for (const beat of Object.values(scenario.beats)) {
    if (beat.marker) markers.push(beat.marker);
    if (beat.risk) risks.push(beat.risk);
    for (const response of beat.responses) {
      const kinds = response.moves.map((move) => rubric.moves[move]?.kind);
      if (kinds.some((kind) => kind === 'unhelpful' || kind === 'unsafe')) continue;
      response.moves.forEach((move, i) => {
        if (!STRATEGIES.includes(move)) return;
        strategies.push(move);
        if (beat.marker) pairings.push(`${ruptureTypeOf(beat.marker)}/${kinds[i]}`);
      });
    }
  }
  return { id: scenario.id, attachment: scenario.client.attachment, markers: sorted(markers), strategies: sorted(strategies), risks: sorted(risks), pairings: sorted(pairings) };
}

function split(all: readonly string[], covered: Iterable<string>) {
  const have = new Set(covered);
  return { covered: all.filter((item) => have.has(item)), missing: all.filter((item) => !have.has(item)) };
}

export function libraryCoverage(scenarios: readonly Scenario[], rubric: Rubric): LibraryCoverage {
  const each = scenarios.map((scenario) => scenarioCoverage(scenario, rubric));
  const attachment = Object.fromEntries(ATTACHMENT_STYLES.map((style) => [style, each.filter((c) => c.attachment === style).length])) as Record<AttachmentStyle, number>;
  return {
    scenarios: each,
    markers: split(MARKERS, each.flatMap((c) => c.markers)),
    strategies: split(STRATEGIES, each.flatMap((c) => c.strategies)),
    attachment,
    risks: split(RISK_KINDS, each.flatMap((c) => c.risks)),
    pairings: split(PAIRINGS, each.flatMap((c) => c.pairings)),
  };
}
