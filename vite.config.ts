import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Model-based and property tests replay many paths; give them room on slow machines.
    testTimeout: 60_000,
  },
});
