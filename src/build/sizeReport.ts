/**
 * After a build, prints the gzipped size of the JavaScript a trainee loads
 * before the first choice: the entry chunk and everything it imports
 * statically, plus the rubric and the largest scenario (a session loads one
 * of each). The budget is 400 KB; Phaser alone is about 352 KB.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { RESOLVED } from './scenarioLibrary.js';

export const INITIAL_JS_BUDGET = 400 * 1024;

export function sizeReport(): Plugin {
  return {
    name: 'securebase-size-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).filter((item) => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
      const entry = [...chunks.values()].find((chunk) => chunk.isEntry);
      if (!entry) return;
      const loaded = new Set<string>();
      const visit = (name: string) => {
        if (loaded.has(name)) return;
        loaded.add(name);
        for (const imported of chunks.get(name)?.imports ?? []) visit(imported);
      };
      visit(entry.fileName);
      // A session loads the rubric and one scenario before its first choice: count the largest.
      const rubric = [...chunks.values()].find((chunk) => chunk.facadeModuleId === RESOLVED.rubric);
      const scenarios = [...chunks.values()].filter((chunk) => chunk.facadeModuleId?.startsWith(RESOLVED.scenario));
      const largest = scenarios.sort((a, b) => b.code.length - a.code.length)[0];
      for (const chunk of [rubric, largest]) if (chunk) visit(chunk.fileName);
      let total = 0;
      const lines = [...loaded].map((name) => {
        const size = gzipSync(chunks.get(name)!.code, { level: 9 }).length;
        total += size;
        return `  ${name}  ${(size / 1024).toFixed(1)} KB gzipped`;
      });
      const verdict = total <= INITIAL_JS_BUDGET ? 'within' : 'OVER';
      this.info(`JavaScript loaded before the first choice: ${(total / 1024).toFixed(1)} KB gzipped (${verdict} the ${INITIAL_JS_BUDGET / 1024} KB budget)\n${lines.join('\n')}`);
      if (total > INITIAL_JS_BUDGET) this.warn(`initial JavaScript is ${(total / 1024).toFixed(1)} KB gzipped, over the budget`);
    },
  };
}
