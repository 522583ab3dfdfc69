/**
 * Editing a scenario never changes an attempt already started: the server keeps
 * every version it has served, by content hash, and replays each attempt
 * against the version it began on, across a restart with the edited library.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/engine/index.js';
import { shippedRubric, shippedScenario } from '../support/library.js';
import { DATABASES, SCENARIOS, startTestServer } from './harness.js';

const { rubric, hash: rubricHash } = shippedRubric();
const maya = shippedScenario('maya-after-cancellation.yaml', rubric);
const CHOICES = ['own-it', 'stay-with-it', 'explore-anger'];
const BEATS = replay(maya.scenario, rubric, CHOICES).turns.map((t) => t.beat);

describe.each(DATABASES)('scenario versions on $name', (database) => {
  it('replays an attempt against the version it started on, after the library is edited and the server restarted', async () => {
    const url = await database.url();
    const first = await startTestServer(database, { url });
    const trainee = await first.user('trainee', `versions-${database.name}`);
    const id = randomUUID();
    await trainee.post('/api/attempts', { id, scenarioId: maya.scenario.id, scenarioHash: maya.hash, rubricHash, mode: 'practice', startedAt: new Date().toISOString() });
    await trainee.post(`/api/attempts/${id}/turns`, { attemptId: id, index: 0, beatId: BEATS[0], responseId: CHOICES[0], at: new Date().toISOString() });
    await first.close(true);

    // The author makes "own-it" cost trust; the server restarts with the edited library.
    const edited = mkdtempSync(join(tmpdir(), 'securebase-edited-'));
    cpSync(SCENARIOS, edited, { recursive: true });
    const file = join(edited, 'maya-after-cancellation.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('        next: short-notice\n', '        effects: { trust: -20 }\n        next: short-notice\n'));
    const second = await startTestServer(database, { url, scenarios: edited });
    try {
      const again = await second.user('trainee', `versions-${database.name}`);
      for (const index of [1, 2]) {
        const response = await again.post(`/api/attempts/${id}/turns`, { attemptId: id, index, beatId: BEATS[index], responseId: CHOICES[index], at: new Date().toISOString() });
        expect(response.statusCode).toBe(201);
      }
      const { attempt } = (await again.get(`/api/attempts/${id}`)).json();
      expect(attempt.scenarioHash).toBe(maya.hash);
      expect(attempt.scores).toEqual(replay(maya.scenario, rubric, CHOICES).scores);
      expect(second.ctx.content.current.get(maya.scenario.id)!.hash).not.toBe(maya.hash);
    } finally {
      await second.close();
    }
  });
});
