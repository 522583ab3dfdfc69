/**
 * Attempts in IndexedDB. A turn is written here before the next beat shows,
 * so a crashed or reloaded tab loses nothing: the choices replay to the same
 * beat with the same scores.
 */
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { Mode } from './session.js';

export interface AttemptRecord {
  readonly id: string;
  readonly scenarioId: string;
  readonly scenarioHash: string;
  readonly rubricHash: string;
  readonly scoringVersion: number;
  readonly mode: Mode;
  /** Response ids in order, each with when it was chosen. */
  readonly choices: readonly { readonly responseId: string; readonly at: string }[];
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

interface AttemptsDb extends DBSchema {
  attempts: { key: string; value: AttemptRecord; indexes: { byScenario: string } };
}

export class AttemptStore {
  private constructor(private readonly db: IDBPDatabase<AttemptsDb>) {}

  static async open(name = 'securebase'): Promise<AttemptStore> {
    const db = await openDB<AttemptsDb>(name, 1, {
      upgrade(database) {
        const attempts = database.createObjectStore('attempts', { keyPath: 'id' });
        attempts.createIndex('byScenario', 'scenarioId');
      },
    });
    return new AttemptStore(db);
  }

  /** Resolves once the record is durable in the browser's store. */
  async put(attempt: AttemptRecord): Promise<void> {
    const tx = this.db.transaction('attempts', 'readwrite', { durability: 'strict' });
    await Promise.all([tx.store.put(attempt), tx.done]);
  }

  get(id: string): Promise<AttemptRecord | undefined> {
    return this.db.get('attempts', id);
  }

  async all(): Promise<AttemptRecord[]> {
    const attempts = await this.db.getAll('attempts');
    return attempts.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** The latest unfinished attempt at a scenario, if any. */
  async unfinished(scenarioId: string): Promise<AttemptRecord | undefined> {
    const attempts = await this.db.getAllFromIndex('attempts', 'byScenario', scenarioId);
    return attempts.filter((a) => a.finishedAt === null).sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
  }

  delete(id: string): Promise<void> {
    return this.db.delete('attempts', id);
  }
}
