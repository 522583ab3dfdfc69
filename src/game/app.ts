/**
 * The game's shell: which screen is showing, and the services every screen
 * shares (library, attempt store, settings, sound, the Phaser stage).
 */
import type { Account } from './account.js';
import type { LibraryCard, LibraryIndex, OpenScenario } from './library.js';
import type { Settings } from './settings.js';
import type { AttemptStore } from './store.js';
import type { Sound } from './sound.js';
import type { Stage } from './stage.js';

export interface App {
  readonly account: Account;
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
  | { readonly name: 'briefing'; readonly scenarioId: string; readonly assignment?: { readonly id: string; readonly mode: 'practice' | 'assessment' } }
  | { readonly name: 'sign-in' }
  | { readonly name: 'setup'; readonly token: string }
  | { readonly name: 'join'; readonly code: string }
  | { readonly name: 'session'; readonly attemptId: string }
  | { readonly name: 'debrief'; readonly attemptId: string };

/** Remembers the screen across reloads, so a reloaded tab opens where it was. */
const SCREEN_KEY = 'securebase.screen';

/** The screen a link names (/sign-in, /setup#token, /join/code), else the one a reload should reopen. */
export function startingScreen(): Screen {
  const path = location.pathname;
  if (path === '/sign-in') return { name: 'sign-in' };
  if (path === '/setup') return { name: 'setup', token: location.hash.slice(1) };
  const join = /^\/join\/([^/]+)$/.exec(path);
  if (join) return { name: 'join', code: decodeURIComponent(join[1]!) };
  return savedScreen();
}

function savedScreen(): Screen {
  try {
    const screen = JSON.parse(sessionStorage.getItem(SCREEN_KEY) ?? 'null') as Screen | null;
    return screen ?? { name: 'library' };
  } catch {
    return { name: 'library' };
  }
}

/** After signing in or joining, the game opens on the library, not on the screen the guest left. */
export function forgetScreen(): void {
  sessionStorage.removeItem(SCREEN_KEY);
}

export function rememberScreen(screen: Screen): void {
  // Account screens belong to their links; a reload of the game reopens the game.
  if (screen.name === 'sign-in' || screen.name === 'setup' || screen.name === 'join') return;
  sessionStorage.setItem(SCREEN_KEY, JSON.stringify(screen));
}

/** Moves focus to a screen's heading so screen readers announce the change. */
export function focusHeading(main: HTMLElement): void {
  const heading = main.querySelector<HTMLElement>('h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}
