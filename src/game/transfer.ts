/** Attempts to and from a JSON file, so a trainee can move them between devices or hand them to a supervisor. */
import type { App } from './app.js';
import type { AttemptRecord } from './store.js';

const FORMAT = 'securebase-attempts';

export async function exportAttempts(app: App): Promise<string> {
  const attempts = await app.store.all();
  const blob = new Blob([JSON.stringify({ format: FORMAT, version: 1, attempts }, null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `securebase-attempts-${new Date().toISOString().slice(0, 10)}.json`;
  link.click();
  URL.revokeObjectURL(link.href);
  return `Exported ${attempts.length} attempt${attempts.length === 1 ? '' : 's'}.`;
}

const isChoice = (c: unknown): c is AttemptRecord['choices'][number] =>
  typeof c === 'object' && c !== null && typeof (c as { responseId?: unknown }).responseId === 'string' && typeof (c as { at?: unknown }).at === 'string'
  && ['string', 'undefined'].includes(typeof (c as { beatId?: unknown }).beatId);

function isAttempt(value: unknown): value is AttemptRecord {
  const a = value as Partial<AttemptRecord> | null;
  return !!a && typeof a.id === 'string' && typeof a.scenarioId === 'string' && typeof a.scenarioHash === 'string'
    && typeof a.rubricHash === 'string' && (a.mode === 'practice' || a.mode === 'assessment')
    && Array.isArray(a.choices) && a.choices.every(isChoice) && typeof a.startedAt === 'string'
    && (a.finishedAt === null || typeof a.finishedAt === 'string');
}

/** Imports what it can and says what it did; an attempt for a scenario version not in this library is kept aside. */
export async function importAttempts(app: App, text: string): Promise<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'That file is not JSON, so nothing was imported.';
  }
  const attempts = (parsed as { format?: unknown; attempts?: unknown }).format === FORMAT ? (parsed as { attempts: unknown[] }).attempts : null;
  if (!Array.isArray(attempts)) return 'That file is not a Secure Base attempts file, so nothing was imported.';
  const valid = attempts.filter(isAttempt);
  const playable = valid.filter((a) => app.card(a.scenarioId)?.hash === a.scenarioHash && a.rubricHash === app.library.rubricHash);
  for (const attempt of playable) await app.store.put(attempt);
  const skipped = attempts.length - playable.length;
  return `Imported ${playable.length} attempt${playable.length === 1 ? '' : 's'}.${skipped ? ` ${skipped} could not be imported: not valid, or made with a different version of the scenario or rubric.` : ''}`;
}
