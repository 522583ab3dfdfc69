#!/usr/bin/env node
// Runs the TypeScript command line directly, so `npx securebase` works from a
// fresh clone after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
main(process.argv.slice(2));
