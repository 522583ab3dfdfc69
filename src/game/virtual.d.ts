/** The scenario library, checked and bundled at build time by src/build/scenarioLibrary.ts. */
declare module 'virtual:securebase-library' {
  /* eslint-disable @typescript-eslint/consistent-type-imports -- an ambient module can only reach the types this way */
  const index: import('./library.js').LibraryIndex;
  export default index;
  export function loadScenario(id: string): Promise<import('./library.js').LibraryEntry | undefined>;
  export function loadRubric(): Promise<import('../engine/play.js').Rubric>;
  /* eslint-enable @typescript-eslint/consistent-type-imports */
}
