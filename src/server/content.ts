/**
 * Scenario and rubric versions, by content hash. At start the server records the
 * library it was built with; every version it has ever seen stays in the
 * database, so an attempt started on last term's wording still replays exactly
 * as it was played.
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
    return new ContentStore(db, current, library.rubricHash);
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
    const value = kind === 'scenario' ? ScenarioSchema.parse(document) : RubricSchema.parse(document);
    this.parsed.set(hash, value);
    return value;
  }
}
