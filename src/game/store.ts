/**
 * Attempts in IndexedDB. A turn is written here before the next beat shows,
 * so a crashed or reloaded tab loses nothing: the choices replay to the same
 * beat with the same scores, and the attempt id gives the same order of
 * replies. Plain IndexedDB, wrapped in promises: the store needs only a
 * handful of calls, and every byte counts before the first choice.
 */
import type { Mode } from './session.js';

/** One choice. Records saved before beat ids were kept lack `beatId`; sync derives it by replaying then. */
export interface Choice {
  readonly responseId: string;
  readonly beatId?: string;
  readonly at: string;
}

export interface AttemptRecord {
  readonly id: string;
  readonly scenarioId: string;
  readonly scenarioHash: string;
  readonly rubricHash: string;
  readonly scoringVersion: number;
  readonly mode: Mode;
  /** The choices in order: each reply's id, the beat it was chosen at, and when. */
  readonly choices: readonly Choice[];
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** The signed-in account the attempt belongs to; null (or absent, in older records) for a guest's. */
  readonly owner?: string | null;
  /** The assignment it was started from, if any. */
  readonly assignmentId?: string | null;
}

/** How far the server has the attempt, kept apart from the record so syncing never overwrites a new choice. */
export interface SyncState {
  readonly attemptId: string;
  /** Turns the server has acknowledged; null until the server has the attempt at all. */
  readonly serverTurns: number | null;
  readonly serverFinished: boolean;
  /** Why the server refused the attempt for good (e.g. a scenario version it never had); null while all is well. */
  readonly refused: string | null;
}

const STORE = 'attempts';
const SYNC = 'sync';
const BY_SCENARIO = 'byScenario';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const newestFirst = (a: AttemptRecord, b: AttemptRecord) => b.startedAt.localeCompare(a.startedAt);

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export class AttemptStore {
  /** Called after every durable save of an attempt: the server sync listens here. */
  onSaved: (attempt: AttemptRecord) => void = () => {};

  private constructor(private readonly db: IDBDatabase) {}

  static async open(name = 'securebase'): Promise<AttemptStore> {
    const request = indexedDB.open(name, 2);
    request.onupgradeneeded = (event) => {
      if (event.oldVersion < 1) {
        const attempts = request.result.createObjectStore(STORE, { keyPath: 'id' });
        attempts.createIndex(BY_SCENARIO, 'scenarioId');
      }
      if (event.oldVersion < 2) request.result.createObjectStore(SYNC, { keyPath: 'attemptId' });
    };
    return new AttemptStore(await done(request));
  }

  /** Resolves once the transaction has committed durably. */
  async put(attempt: AttemptRecord): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
    tx.objectStore(STORE).put(attempt);
    await committed(tx);
    this.onSaved(attempt);
  }

  syncState(attemptId: string): Promise<SyncState | undefined> {
    return done(this.db.transaction(SYNC).objectStore(SYNC).get(attemptId) as IDBRequest<SyncState | undefined>);
  }

  putSyncState(state: SyncState): Promise<void> {
    const tx = this.db.transaction(SYNC, 'readwrite', { durability: 'strict' });
    tx.objectStore(SYNC).put(state);
    return committed(tx);
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
