/**
 * Scenario and rubric versions, by content hash. At start the server records the
 * library it was built with; every version it has ever seen stays in the
 * database, so an attempt started on last term's wording still replays exactly
 * as it was played. A rubric stored before the engine required a field it now
 * requires takes that field from the current rubric (docs/operations.md).
 */
import type { Kysely } from 'kysely';
import { readLibrary } from '../build/scenarioLibrary.js';
import { RubricSchema, ScenarioSchema, canonicalJson, formatProblem } from '../engine/index.js';
import type { Rubric, Scenario } from '../engine/index.js';
import type { Tables } from './db/tables.js';

export interface CurrentScenario {
  readonly scenario: Scenario;
  readonly hash: string;
}

export class ContentStore {
  private readonly parsed = new Map<string, Scenario | Rubric>();

  private constructor(
    private readonly db: Kysely<Tables>,
    /** The library this server serves now: what assignments can name. */
    readonly current: ReadonlyMap<string, CurrentScenario>,
    readonly rubricHash: string,
    /** The rubric this server serves now. */
    readonly currentRubric: Rubric,
  ) {}

  /** Reads and checks `folder` (as the build does) and records every version in it. */
  static async open(db: Kysely<Tables>, folder: string, now: () => string): Promise<ContentStore> {
    const { library, problems } = readLibrary(folder);
    if (!library) throw new Error(`the scenario library in ${folder} has errors:\n${problems.map(formatProblem).join('\n')}`);
    const rows = [
      { hash: library.rubricHash, kind: 'rubric' as const, scenario_id: null, document: canonicalJson(library.rubric), first_seen_at: now() },
      ...library.scenarios.map(({ scenario, hash }) => ({ hash, kind: 'scenario' as const, scenario_id: scenario.id, document: canonicalJson(scenario), first_seen_at: now() })),
    ];
    for (const row of rows) await db.insertInto('content_versions').values(row).onConflict((c) => c.column('hash').doNothing()).execute();
    const current = new Map(library.scenarios.map((entry) => [entry.scenario.id, entry]));
    return new ContentStore(db, current, library.rubricHash, library.rubric);
  }

  /**
   * The scenario with this id and hash, or null if this server has never seen it.
   * Inside a transaction pass it as `db`: SQLite has one connection, so a query
   * outside the transaction would wait for it to end.
   */
  async scenario(id: string, hash: string, db: Kysely<Tables> = this.db): Promise<Scenario | null> {
    const found = await this.version(hash, 'scenario', db);
    return found && (found as Scenario).id === id ? (found as Scenario) : null;
  }

  async rubric(hash: string, db: Kysely<Tables> = this.db): Promise<Rubric | null> {
    return (await this.version(hash, 'rubric', db)) as Rubric | null;
  }

  private async version(hash: string, kind: 'scenario' | 'rubric', db: Kysely<Tables>): Promise<Scenario | Rubric | null> {
    const cached = this.parsed.get(hash);
    if (cached) return cached;
    const row = await db.selectFrom('content_versions').select(['document', 'kind']).where('hash', '=', hash).executeTakeFirst();
    if (!row || row.kind !== kind) return null;
    const document = JSON.parse(row.document) as unknown;
    const value = kind === 'scenario' ? ScenarioSchema.parse(document) : this.rubricOf(document);
    this.parsed.set(hash, value);
    return value;
  }

  /**
   * A stored rubric document as a rubric. One stored before a scoring version
   * that added a required field (version 2's `turn_cap`) lacks it: each field the
   * schema finds missing is taken from the current rubric, at the same place.
   * The stored document and its hash stay as they were.
   */
  private rubricOf(document: unknown): Rubric {
    let candidate = document;
    for (;;) {
      const parsed = RubricSchema.safeParse(candidate);
      if (parsed.success) return parsed.data;
      const filled = withMissingFrom(candidate, this.currentRubric, parsed.error.issues.map((issue) => issue.path));
      if (!filled) throw parsed.error;
      candidate = filled;
    }
  }
}

type Path = readonly PropertyKey[];

function valueAt(value: unknown, path: Path): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/**
 * A copy of `document` with each path that is missing in it (but not in `source`)
 * set from `source`; null when no path could be filled, so nothing would change.
 */
function withMissingFrom(document: unknown, source: unknown, paths: readonly Path[]): unknown {
  const copy = structuredClone(document);
  let filled = 0;
  for (const path of paths) {
    const key = path.at(-1);
    const parent = valueAt(copy, path.slice(0, -1));
    const fill = valueAt(source, path);
    if (key === undefined || parent === null || typeof parent !== 'object' || fill === undefined) continue;
    if ((parent as Record<PropertyKey, unknown>)[key] !== undefined) continue;
    (parent as Record<PropertyKey, unknown>)[key] = structuredClone(fill);
    filled++;
  }
  return filled ? copy : null;
}
