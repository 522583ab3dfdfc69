#!/usr/bin/env node
/**
 * Builds the game (vite build) only when dist/ is missing or older than what
 * it is built from, so `npm start` starts at once on a machine that has
 * built before. Prints one line saying which it did.
 *
 *   node scripts/build-if-stale.mjs
 *
 * dist/ is stale when dist/index.html is missing, or any file or folder under
 * src/, scenarios/ or assets/, or index.html, supervise.html, program.html,
 * vite.config.ts or package-lock.json, was changed after it (a folder's time
 * changes when a file in it is added, removed or renamed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders and top-level files the build reads; any may be absent. */
export const INPUT_FOLDERS = ['src', 'scenarios', 'assets'];
export const INPUT_FILES = ['index.html', 'supervise.html', 'program.html', 'vite.config.ts', 'package-lock.json'];

/**
 * Whether to build: `output` is dist/index.html's modification time in ms (null
 * when it does not exist), `inputs` the paths and modification times of what
 * it is built from. Pure, so it is tested without building.
 * @param {number | null} output
 * @param {readonly { path: string; mtimeMs: number }[]} inputs
 * @returns {{ build: boolean; reason: string }}
 */
export function staleness(output, inputs) {
  if (output === null) return { build: true, reason: 'dist/index.html does not exist' };
  const newer = inputs.filter((input) => input.mtimeMs > output);
  if (newer.length === 0) return { build: false, reason: 'nothing changed since the last build' };
  const newest = newer.reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  return { build: true, reason: `${newest.path} changed since the last build${newer.length > 1 ? ` (and ${newer.length - 1} more)` : ''}` };
}

/**
 * The inputs under `root` with their modification times, paths relative to root.
 * @param {string} root
 * @returns {{ path: string; mtimeMs: number }[]}
 */
export function inputsOf(root) {
  const found = [];
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return; // absent (program.html in an older tree), or removed while we look
    }
    found.push({ path: relative(root, path), mtimeMs: stat.mtimeMs });
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  for (const name of [...INPUT_FOLDERS, ...INPUT_FILES]) visit(join(root, name));
  return found;
}

/** dist/index.html's modification time under `root`, or null. */
export function outputOf(root) {
  const index = join(root, 'dist', 'index.html');
  return existsSync(index) ? statSync(index).mtimeMs : null;
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const decision = staleness(outputOf(root), inputsOf(root));
  if (!decision.build) {
    console.log(`Using the built game in dist/: ${decision.reason}.`);
    return 0;
  }
  console.log(`Building the game into dist/: ${decision.reason}.`);
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
  if (run.error) throw run.error;
  return run.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
