/** The scenario library, checked and bundled at build time by src/build/scenarioLibrary.ts. */
declare module 'virtual:securebase-library' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- an ambient module can only reach the type this way
  const library: import('./library.js').GameLibrary;
  export default library;
}
