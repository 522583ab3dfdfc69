/**
 * The game's entry: settings, the attempt store, sound, the stage and the
 * screens. A reloaded tab opens where it was, at the same beat.
 */
import library, { loadRubric, loadScenario } from 'virtual:securebase-library';
import roomUrl from '../../assets/room/room.svg?url';
import type { App, Screen } from './app.js';
import { forgetScreen, rememberScreen, startingScreen } from './app.js';
import { loadAccount } from './account.js';
import type { Account } from './account.js';
import { beatsByReplay } from './session.js';
import { Sync } from './sync.js';
import { h, show } from '../browser/dom.js';
import { joinScreen, setupScreen, signInScreen } from './ui/accountScreens.js';
import { applySettings, loadSettings, saveSettings } from './settings.js';
import type { Settings } from './settings.js';
import { Sound } from './sound.js';
import { Stage } from './stage.js';
import { AttemptStore } from './store.js';
import { briefingScreen } from './ui/briefingScreen.js';
import { debriefScreen } from './ui/debriefScreen.js';
import { libraryScreen } from './ui/libraryScreen.js';
import { sessionScreen } from './ui/sessionScreen.js';
import { openSettings } from './ui/settingsDialog.js';
import './styles.css';

// Portraits are fetched by the preload scene, not bundled into the code a trainee waits for.
const portraits = import.meta.glob<string>('../../assets/portraits/*.svg', { query: '?url', import: 'default', eager: true });
const portraitUrls = Object.fromEntries(Object.entries(portraits).map(([path, url]) => [path.split('/').pop()!.replace(/\.svg$/, ''), url]));

async function boot(): Promise<void> {
  const settings = loadSettings();
  applySettings(settings);
  const openSupportPage = supportPage(settings);
  const main = document.getElementById('main')!;
  const layout = main.parentElement!;
  const progress = document.getElementById('loading')!;
  const [store, account] = await Promise.all([AttemptStore.open(), loadAccount()]);
  const sound = new Sound(settings, document.getElementById('captions')!);
  const stage = new Stage(document.getElementById('stage')!, settings, portraitUrls, roomUrl, (fraction) => {
    progress.textContent = fraction < 1 ? `Loading the room: ${Math.round(fraction * 100)}%` : '';
  });

  let showing = 0;
  const app: App = {
    account, library, store, settings, sound, stage, main,
    saveSettings: () => saveSettings(settings),
    card: (id) => library.cards.find((card) => card.id === id),
    async open(id) {
      const [entry, rubric] = await Promise.all([loadScenario(id), loadRubric()]);
      return entry && { entry, rubric, rubricHash: library.rubricHash };
    },
    go(screen: Screen) {
      rememberScreen(screen);
      layout.dataset.screen = screen.name;
      const ticket = ++showing;
      const render = async () => {
        if (ticket !== showing) return;
        if (screen.name === 'library') await libraryScreen(app);
        else if (screen.name === 'briefing') await briefingScreen(app, screen.scenarioId, screen.assignment);
        else if (screen.name === 'sign-in') signInScreen(app);
        else if (screen.name === 'setup') setupScreen(app, screen.token);
        else if (screen.name === 'join') await joinScreen(app, screen.code);
        else if (screen.name === 'session') await sessionScreen(app, screen.attemptId);
        else await debriefScreen(app, screen.attemptId);
        window.scrollTo(0, 0);
      };
      void render();
    },
  };

  // Browsers allow sound only after a gesture; the first click or key press, anywhere, starts it.
  const firstGesture = () => {
    sound.unlock();
    document.removeEventListener('pointerdown', firstGesture);
    document.removeEventListener('keydown', firstGesture);
  };
  document.addEventListener('pointerdown', firstGesture);
  document.addEventListener('keydown', firstGesture);

  const settingsButton = document.getElementById('settings-button')!;
  const dialog = document.getElementById('settings') as HTMLDialogElement;
  settingsButton.addEventListener('click', () => openSettings(app, dialog, settingsButton));
  renderAccount(account, document.getElementById('account')!, () => app.go({ name: 'sign-in' }));
  if (account.user) {
    const status = document.getElementById('sync-status')!;
    const sync = new Sync(account.api, store, account.user, async (record) => {
      const opened = await app.open(record.scenarioId);
      if (!opened) throw new Error(`the library has no scenario "${record.scenarioId}"`);
      return beatsByReplay(opened.entry.scenario, opened.rubric, record);
    }, (text) => { status.textContent = text; });
    // The server's copy first, so a reload resumes from whichever copy is further along; then send what waits here.
    await sync.pull().catch(() => undefined);
    void sync.flush();
  }
  app.go(startingScreen());
  // A link to /support (or a Support link opened in a new tab) opens the game with the Support page over it.
  if (location.pathname === '/support') {
    document.getElementById('support')!.addEventListener('close', () => history.replaceState(null, '', '/'), { once: true });
    void openSupportPage().catch(() => undefined);
  }
}

/**
 * The header's Support link, ready before anything else loads: it opens the
 * Support page as a dialog over the screen, so a session behind it is left
 * exactly as it was. The page and its crisis lines load on first use.
 */
function supportPage(settings: Settings): () => Promise<void> {
  const link = document.getElementById('support-link')!;
  const dialog = document.getElementById('support') as HTMLDialogElement;
  const open = async () => {
    const { openSupport } = await import('./ui/supportDialog.js');
    openSupport(dialog, link, { settings, save: () => saveSettings(settings) });
  };
  link.addEventListener('click', (event) => {
    // A click meant for a new tab or window loads /support there.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    // If the page cannot load here (a new version deployed, say), load it as a page of its own.
    open().catch(() => location.assign('/support'));
  });
  return open;
}

/** The header's account area: who is signed in and a way out, or a way in. */
function renderAccount(account: Account, area: HTMLElement, signIn: () => void): void {
  if (!account.serverAvailable) return;
  const user = account.user;
  if (!user) return show(area, h('button', { type: 'button', onclick: signIn }, 'Sign in'));
  const signOut = async () => {
    await account.api.request('DELETE', '/api/session').catch(() => undefined);
    forgetScreen();
    location.assign('/');
  };
  show(area,
    h('span', { class: 'account-name' }, user.name),
    user.role === 'trainee' ? null : h('a', { href: '/supervise' }, 'Supervise'),
    h('button', { type: 'button', onclick: signOut }, 'Sign out'));
}

void boot();
