#!/usr/bin/env node
// Runs the TypeScript command line directly, so `npx securebase` works from a
// fresh clone after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (e.g. `| head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
await main(process.argv.slice(2));
