/**
 * The game's shell: which screen is showing, and the services every screen
 * shares (library, attempt store, settings, sound, the Phaser stage).
 */
import type { LibraryCard, LibraryIndex, OpenScenario } from './library.js';
import type { Settings } from './settings.js';
import type { AttemptStore } from './store.js';
import type { Sound } from './sound.js';
import type { Stage } from './stage.js';

export interface App {
  readonly library: LibraryIndex;
  readonly store: AttemptStore;
  readonly settings: Settings;
  readonly sound: Sound;
  readonly stage: Stage;
  /** The element screens render into. */
  readonly main: HTMLElement;
  saveSettings(): void;
  card(scenarioId: string): LibraryCard | undefined;
  /** The scenario's content and its rubric, loaded on first use. */
  open(scenarioId: string): Promise<OpenScenario | undefined>;
  go(screen: Screen): void;
}

export type Screen =
  | { readonly name: 'library' }
  | { readonly name: 'briefing'; readonly scenarioId: string }
  | { readonly name: 'session'; readonly attemptId: string }
  | { readonly name: 'debrief'; readonly attemptId: string };

/** Remembers the screen across reloads, so a reloaded tab opens where it was. */
const SCREEN_KEY = 'securebase.screen';

export function savedScreen(): Screen {
  try {
    const screen = JSON.parse(sessionStorage.getItem(SCREEN_KEY) ?? 'null') as Screen | null;
    return screen ?? { name: 'library' };
  } catch {
    return { name: 'library' };
  }
}

export function rememberScreen(screen: Screen): void {
  sessionStorage.setItem(SCREEN_KEY, JSON.stringify(screen));
}

/** Moves focus to a screen's heading so screen readers announce the change. */
export function focusHeading(main: HTMLElement): void {
  const heading = main.querySelector<HTMLElement>('h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}
