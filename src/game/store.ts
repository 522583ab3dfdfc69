/**
 * Attempts in IndexedDB. A turn is written here before the next beat shows,
 * so a crashed or reloaded tab loses nothing: the choices replay to the same
 * beat with the same scores. Plain IndexedDB, wrapped in promises: the store
 * needs only a handful of calls, and every byte counts before the first choice.
 */
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

const STORE = 'attempts';
const BY_SCENARIO = 'byScenario';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const newestFirst = (a: AttemptRecord, b: AttemptRecord) => b.startedAt.localeCompare(a.startedAt);

export class AttemptStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(name = 'securebase'): Promise<AttemptStore> {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const attempts = request.result.createObjectStore(STORE, { keyPath: 'id' });
      attempts.createIndex(BY_SCENARIO, 'scenarioId');
    };
    return new AttemptStore(await done(request));
  }

  /** Resolves once the transaction has committed durably. */
  put(attempt: AttemptRecord): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
    tx.objectStore(STORE).put(attempt);
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  get(id: string): Promise<AttemptRecord | undefined> {
    return done(this.db.transaction(STORE).objectStore(STORE).get(id) as IDBRequest<AttemptRecord | undefined>);
  }

  async all(): Promise<AttemptRecord[]> {
    const attempts = await done(this.db.transaction(STORE).objectStore(STORE).getAll() as IDBRequest<AttemptRecord[]>);
    return attempts.sort(newestFirst);
  }

  delete(id: string): Promise<void> {
    return done(this.db.transaction(STORE, 'readwrite').objectStore(STORE).delete(id));
  }
}
