/** Types for scripts/build-if-stale.mjs, for its tests. */
export interface Input { readonly path: string; readonly mtimeMs: number }
export const INPUT_FOLDERS: readonly string[];
export const INPUT_FILES: readonly string[];
export function staleness(output: number | null, inputs: readonly Input[]): { build: boolean; reason: string };
export function inputsOf(root: string): Input[];
export function outputOf(root: string): number | null;
