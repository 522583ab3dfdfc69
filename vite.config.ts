import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { scenarioLibrary } from './src/build/scenarioLibrary.js';
import { sizeReport } from './src/build/sizeReport.js';

export default defineConfig({
  plugins: [scenarioLibrary('scenarios'), sizeReport()],
  resolve: {
    // The game uses no physics. Phaser's published build without Matter physics is the same API otherwise,
    // and about a tenth smaller; `import Phaser from 'phaser'` stays as it is everywhere.
    alias: { phaser: fileURLToPath(new URL('./node_modules/phaser/dist/phaser-arcade-physics.js', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    // Art and sound stay files (never inlined into the code), so the preload can show them arriving.
    assetsInlineLimit: 0,
    // Phaser alone is a 1.4 MB chunk; the size that matters (gzipped, before the first choice) is reported by sizeReport().
    chunkSizeWarningLimit: 1500,
    // Phaser is most of the game; keep it in its own chunk so the report shows what a trainee loads.
    rolldownOptions: {
      // The game, the supervisors' page and the programme page (which never load Phaser).
      input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), supervise: fileURLToPath(new URL('./supervise.html', import.meta.url)),
        program: fileURLToPath(new URL('./program.html', import.meta.url)) },
      output: { codeSplitting: { groups: [{ name: 'phaser', test: /node_modules[\\/]phaser/ }] } },
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Model-based and property tests replay many paths; give them room on slow machines.
    testTimeout: 60_000,
    // Browser tests poll what the page shows; a locator query on a long page can itself take a few hundred ms.
    expect: { poll: { timeout: 10_000 } },
  },
});
