/** `npm start` builds the game only when dist/ is missing or older than what it is built from. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputsOf, outputOf, staleness } from '../../scripts/build-if-stale.mjs';

describe('staleness', () => {
  const inputs = [{ path: 'src/game/app.ts', mtimeMs: 1_000 }, { path: 'scenarios/maya.yaml', mtimeMs: 2_000 }];

  it('builds when there is no dist/index.html', () => {
    expect(staleness(null, inputs)).toEqual({ build: true, reason: 'dist/index.html does not exist' });
  });

  it('reuses dist/ when it is newer than every input', () => {
    expect(staleness(3_000, inputs).build).toBe(false);
    expect(staleness(2_000, inputs).build).toBe(false);
  });

  it('builds when any input is newer, naming the newest', () => {
    expect(staleness(1_500, inputs)).toEqual({ build: true, reason: 'scenarios/maya.yaml changed since the last build' });
    expect(staleness(500, inputs)).toEqual({ build: true, reason: 'scenarios/maya.yaml changed since the last build (and 1 more)' });
  });
});

describe('on a tree', () => {
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('finds the inputs that exist, skips the absent ones, and sees a change, an addition and a removal', () => {
    const root = mkdtempSync(join(tmpdir(), 'securebase-stale-'));
    mkdirSync(join(root, 'src', 'game'), { recursive: true });
    mkdirSync(join(root, 'scenarios'));
    mkdirSync(join(root, 'dist'));
    for (const file of ['src/game/app.ts', 'scenarios/maya.yaml', 'index.html', 'vite.config.ts', 'package-lock.json']) writeFileSync(join(root, file), 'x');
    for (const path of ['src', 'src/game', 'scenarios', 'src/game/app.ts', 'scenarios/maya.yaml', 'index.html', 'vite.config.ts', 'package-lock.json']) at(join(root, path), 1_000);
    expect(outputOf(root)).toBeNull();
    expect(staleness(outputOf(root), inputsOf(root)).build).toBe(true);
    expect(inputsOf(root).map((input) => input.path).sort()).toEqual(['index.html', 'package-lock.json', 'scenarios', 'scenarios/maya.yaml', 'src', 'src/game', 'src/game/app.ts', 'vite.config.ts']);

    writeFileSync(join(root, 'dist', 'index.html'), 'built');
    at(join(root, 'dist', 'index.html'), 2_000);
    expect(staleness(outputOf(root), inputsOf(root))).toEqual({ build: false, reason: 'nothing changed since the last build' });

    at(join(root, 'src/game/app.ts'), 3_000);
    expect(staleness(outputOf(root), inputsOf(root))).toEqual({ build: true, reason: 'src/game/app.ts changed since the last build' });
    at(join(root, 'src/game/app.ts'), 1_000);

    writeFileSync(join(root, 'program.html'), 'new page');
    expect(staleness(outputOf(root), inputsOf(root))).toMatchObject({ build: true, reason: expect.stringContaining('program.html') });
    rmSync(join(root, 'program.html'));

    rmSync(join(root, 'scenarios', 'maya.yaml'));
    expect(staleness(outputOf(root), inputsOf(root))).toMatchObject({ build: true, reason: 'scenarios changed since the last build' });
  });
});
